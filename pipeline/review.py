"""The review content of a tenancy: plan under the mock runtime, judge the policies, then
the data every review document renders."""
from __future__ import annotations


def review_content(tenancy, config: dict | None = None, keep_plan: bool = False, cache_root=None) -> dict:
    """Plan under the mock runtime (or take the plan from the cache under `cache_root`),
    policies, then the review data; with `keep_plan`, also the planned resources (`_plan`,
    for the change review's plan diff)."""
    from pipeline.cache import planned
    from network.model import build
    from pipeline.checks import StackReport, add_verdicts, verdicts_as_dicts
    from review.content import build as build_content
    from inventory.format import views
    from policies.evidence import collect
    inventory = planned(tenancy, cache_root)
    model = build(tenancy)
    checked = add_verdicts(StackReport(tenancy.stack, tenancy.source.file), tenancy, inventory, config or {}, model)
    verdicts = not_applicable(verdicts_as_dicts(checked), inventory, tenancy.spec.cloud)
    with_evidence(verdicts, collect(views(inventory), model, config or {}))
    planned_inventory = inventory.as_dict()
    content = build_content(model, planned_inventory, verdicts)
    if keep_plan:
        from review.plan_diff import compact
        content["_plan"] = compact(planned_inventory)
    return content


#: how many checked resources a verdict names; the rest are counted
EXAMPLES = 3


def with_evidence(verdicts: list[dict], evidence: dict[str, list[dict]]) -> list[dict]:
    """Each verdict gains `checked` (how many resources the rule read, and the first few with
    the properties it read) and, per finding, the properties it read on that resource."""
    for verdict in verdicts:
        read = evidence.get(verdict["rule"], [])
        props = {e["urn"]: e["properties"] for e in read}
        faulty = {f["urn"] for f in verdict["findings"]}
        verdict["checked"] = {"count": len(read), "examples": [
            {"name": e["name"], "type": e["type"], "properties": e["properties"]}
            for e in [e for e in read if e["urn"] not in faulty][:EXAMPLES]]}
        for f in verdict["findings"]:
            f["properties"] = props.get(f["urn"], [])
    return verdicts


def not_applicable(verdicts: list[dict], inventory, cloud: str) -> list[dict]:
    """A rule that had nothing to look at passed vacuously: a rule of the other cloud, or a
    resource rule for a service the stack does not use. The review says 対象外, not 適合."""
    import clouds
    from policies.registry import all_rules
    rules = {r.id: r for r in all_rules()}
    types = {r["type"] for r in inventory.resources}
    own = set(clouds.get(cloud).packages)
    others = {p for c in clouds.all().values() for p in c.packages} - own
    for verdict in verdicts:
        rule = rules[verdict["rule"]]
        packages = {t.split(":", 1)[0] for t in rule.types}
        other_cloud = (bool(rule.clouds) and cloud not in rule.clouds) or (bool(packages) and packages <= others)
        # a rule that names the types it judges (a stack rule too: GOV-REG-007's hosted connections)
        nothing_to_see = bool(rule.types) and not any(rule.applies_to(t) for t in types)
        if verdict["status"] == "pass" and (other_cloud or nothing_to_see):
            verdict["status"] = "not_applicable"
            verdict["why_not_applicable"] = "na_other_cloud" if other_cloud else "na_no_resources"
    return verdicts


def document_control(path, root, today=None) -> dict:
    """The document's own facts for its cover: the tool version, the commit it was made at,
    the stack file's version (how many commits changed it) and its change history
    (変更履歴) from git, where the file is in a git repository."""
    import datetime as dt
    import subprocess
    from importlib.metadata import version

    def git(*args):
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else None

    history = []
    log = git("log", "--follow", "--format=%h%x09%ad%x09%an%x09%s", "--date=short", "--", str(path))
    for line in (log or "").splitlines():
        commit, date, author, subject = (line.split("\t", 3) + ["", "", ""])[:4]
        history.append({"commit": commit, "date": date, "author": author, "subject": subject})
    head = git("rev-parse", "--short", "HEAD")
    dirty = bool(git("status", "--porcelain", "--", str(path))) if head else False
    return {"tool": version("govcloud-hybrid"), "date": (today or dt.date.today()).isoformat(),
            "commit": (head + (" + uncommitted changes" if dirty else "")) if head else None,
            "version": len(history) + (1 if dirty or not history else 0), "history": history}
