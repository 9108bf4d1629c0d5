"""Turns a campaign into the parts of its plan document, numbered as the official text."""

from .models import PlanStatement

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "abcdefghiklmnopqrstuvxy"  # Vietnamese points skip j, w, z
QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def plan_context(campaign) -> dict:
    """Context for `campaign/_plan_document.html`; expects `services.plan_queryset()` prefetches.

    Sections a plan leaves empty are not printed, and the remaining ones keep consecutive
    Roman numerals, as a drafter would number them.
    """
    kinds = PlanStatement.Kind
    purposes = campaign.statements(kinds.PURPOSE)
    requirements = campaign.statements(kinds.REQUIREMENT)
    solutions = campaign.statements(kinds.SOLUTION)
    responsibilities = campaign.statements(kinds.RESPONSIBILITY)
    recipients = campaign.statements(kinds.RECIPIENT)
    subjects = list(campaign.subject_categories.all())
    award_forms = list(campaign.campaign_award_forms.all())
    present = [
        ("purposes", bool(purposes or requirements)),
        ("content", bool(campaign.content_items.all() or campaign.content_intro)),
        ("solutions", bool(solutions)),
        ("timeline", True),
        ("subjects", bool(subjects or award_forms or campaign.award_procedure_text)),
        ("organization", bool(responsibilities)),
    ]
    keys = [key for key, shown in present if shown]
    return {
        "sections": list(zip(ROMAN, keys, strict=False)),
        "purposes": purposes,
        "requirements": requirements,
        "solutions": solutions,
        "responsibilities": responsibilities,
        "recipients": recipients,
        "subjects": list(zip(LETTERS, subjects, strict=False)),
        "award_forms": award_forms,
        "final_quarter": QUARTERS.get(campaign.final_review_quarter, campaign.final_review_quarter),
    }
