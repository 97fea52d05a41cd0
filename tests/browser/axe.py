"""axe-core in the browser tests (issue 12 §7): the violations a page must not have."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"

# Below "serious" in axe's scale, but named by the issue: a skipped heading level loses a
# screen-reader user's map of the page, and a name that differs from the visible label
# breaks voice control ("click 09:30"). The second is an experimental axe rule: turned on.
ALSO_REFUSED = {"heading-order", "label-content-name-mismatch"}


def serious_violations(page: Any) -> list[str]:
    # Evaluated through the DevTools protocol: an injected <script> (add_script_tag) is,
    # rightly, blocked by the Content-Security-Policy.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'],"
        " rules: {'label-content-name-mismatch': {enabled: true}}})"
    )
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(
            f"{node['target'][0]} {node['html'][:80]} {(node['any'] or node['all'])[0]['message']}"
            for node in violation["nodes"][:4]
        )
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"} or violation["id"] in ALSO_REFUSED
    ]
