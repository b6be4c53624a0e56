"""Pulumi entry point: `pulumi up -s 131032-minato` runs the same program `govcloud plan` does."""
import warnings
from pathlib import Path

from components.program import load_current_stack, run

warnings.filterwarnings("ignore", message=r"You are using a Python version .* which Google will stop supporting",
                        category=FutureWarning)
run(load_current_stack(Path(__file__).resolve().parent))
