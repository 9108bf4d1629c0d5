"""Irreversible actions ask for confirmation (issue 7): their submit button, or the form around
it, carries data-confirm (static/js/portal.js; data-confirm-button in report-form.js), so that
a click asks "…?" before anything is sent."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

# (template, text that identifies the button or the form of the action)
IRREVERSIBLE = [
    ("campaign/reporting/report_form.html", 'name="submit"'),  # the head submits the report
    ("campaign/reporting/report_detail.html", "'report_submit'"),
    ("campaign/reporting/report_detail.html", 'name="decision" value="accept"'),
    ("campaign/reporting/report_detail.html", 'name="decision" value="return"'),
    ("campaign/manage_detail.html", "'campaign_publish'"),
    ("campaign/manage_detail.html", "'campaign_unpublish'"),
    ("campaign/manage_detail.html", "'campaign_close'"),
    ("awards/nominations/edit.html", 'name="submit"'),
    ("awards/nominations/detail.html", "'nomination_submit'"),
    ("awards/screening/detail.html", 'name="action" value="accept"'),
    ("awards/screening/detail.html", 'name="action" value="return"'),
    ("awards/sessions/detail.html", "Open the session"),
    ("awards/sessions/vote.html", "Submit all my choices"),
    ("awards/sessions/vote.html", 'name="only"'),
    ("awards/sessions/close.html", "Close the session and publish the results"),
    ("awards/decisions/decision_form.html", 'type="submit"'),
    ("awards/decisions/proposal_form.html", 'type="submit"'),
    ("awards/decisions/proposal_outcome.html", "Record the outcome"),
    ("awards/registry/manual_form.html", "Add to the registry"),
]

FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S)
BUTTON = re.compile(r"<button\b[^>]*>.*?</button>", re.S)


def confirmed(source: str, marker: str) -> list[bool]:
    """For each form that holds the marker: does the form, or the marked button, confirm?"""
    answers = []
    for form in FORM.finditer(source):
        block = form.group(0)
        if marker not in block:
            continue
        form_tag = block[: block.index(">") + 1]
        if "data-confirm" in form_tag:
            answers.append(True)
            continue
        buttons = [b.group(0) for b in BUTTON.finditer(block) if marker in b.group(0)]
        answers.append(bool(buttons) and all("data-confirm" in b.split(">")[0] for b in buttons))
    return answers


@pytest.mark.parametrize(("template", "marker"), IRREVERSIBLE)
def test_irreversible_action_asks_for_confirmation(template, marker):
    answers = confirmed((TEMPLATES / template).read_text(encoding="utf-8"), marker)
    assert answers, f"{marker} not found in a form of {template}"
    assert all(answers), f"{template}: {marker} is sent without a confirmation"


def test_the_portal_script_asks_for_a_button_or_a_form():
    script = (TEMPLATES.parent / "static" / "js" / "portal.js").read_text(encoding="utf-8")
    assert 'submitter.getAttribute("data-confirm")' in script
    assert 'form.getAttribute("data-confirm")' in script
    assert "window.confirm" in script and "preventDefault" in script
