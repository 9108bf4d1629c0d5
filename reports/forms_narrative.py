"""The narrative sections of a sơ kết / tổng kết, written by Văn phòng before generating."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from units.text import nfc

from .models import Narrative

MAX_SECTION_CHARS = 50_000


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = Narrative
        fields = [
            "recipient",
            "situation",
            "leadership",
            "results_comment",
            "role_models",
            "awards_comment",
            "strengths",
            "shortcomings",
            "causes",
            "lessons",
            "directions",
            "proposals",
        ]
        help_texts = {
            "recipient": _("The superior the report is addressed to, e.g. UBND tỉnh Lạng Sơn."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
            field.required = False
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 6
                # A runaway paste must not become a thousand-page report.
                field.validators.append(MaxLengthValidator(MAX_SECTION_CHARS))

    def clean(self):
        cleaned = super().clean()
        # One paragraph per line in the document; typed text may arrive decomposed (NFD).
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                lines = [line.rstrip() for line in nfc(value).replace("\r\n", "\n").split("\n")]
                cleaned[name] = "\n".join(lines).strip()
        return cleaned
