"""Pulumi entry point: `pulumi up -s 131032-minato` runs the same program `govcloud plan` does."""
from pathlib import Path

from components.program import load_current_stack, run

run(load_current_stack(Path(__file__).resolve().parent))
