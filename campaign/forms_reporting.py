from django import forms
from django.utils.translation import gettext_lazy as _

from units.forms import NFCFormMixin
from units.text import normalize_number_text, vn_number

from .forms_setup import DATE_ATTRS, DATE_INPUT_FORMATS
from .reporting import ObstacleInput, TaskInput, ValueInput

OBSTACLE_ROWS = 3


class VietnameseDecimalField(forms.DecimalField):
    """Accepts "12,5" and "1.234,5" as typed in Vietnamese offices."""

    def to_python(self, value):
        if isinstance(value, str):
            value = normalize_number_text(value)
        return super().to_python(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ProgressReportForm(NFCFormMixin, forms.Form):
    """One field per indicator and per task text, built from `reporting.report_rows`."""

    general_notes = forms.CharField(
        label=_("General assessment of the period"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    evidence = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, JPG or PNG; several files can be chosen at once."),
    )

    def __init__(self, *args, rows, report=None, obstacles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        if report is not None and not self.is_bound:
            self.fields["general_notes"].initial = report.general_notes
        for row in rows:
            task = row.task
            tr = row.task_report
            for ind in row.indicators:
                self.fields[f"value_{ind.indicator.pk}"] = VietnameseDecimalField(
                    label=ind.indicator.name,
                    required=False,
                    min_value=0,
                    max_digits=16,
                    decimal_places=3,
                    initial=vn_number(ind.value),
                    error_messages={
                        "invalid": _("Must be a number ≥ 0."),
                        "min_value": _("Must be a number ≥ 0."),
                        "max_digits": _("This number is too large."),
                        "max_decimal_places": _("At most 3 decimal places."),
                        "max_whole_digits": _("This number is too large."),
                    },
                    widget=forms.TextInput(
                        attrs={
                            "inputmode": "decimal",
                            "class": "form-control text-end js-indicator-value",
                            "data-target": str(ind.indicator.target),
                            "data-previous": "" if ind.previous is None else str(ind.previous),
                            "data-percent": f"percent-{ind.indicator.pk}",
                            "autocomplete": "off",
                        }
                    ),
                )
                self.fields[f"reason_{ind.indicator.pk}"] = forms.CharField(
                    label=_("Reason if below the last accepted value"),
                    required=False,
                    max_length=2000,
                    initial=ind.reason,
                    widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
                )
            self.fields[f"done_{task.pk}"] = forms.CharField(
                label=_("Work done in the period"),
                required=False,
                max_length=10000,
                initial=tr.done_text if tr else "",
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            )
            self.fields[f"proposals_{task.pk}"] = forms.CharField(
                label=_("Proposals"),
                required=False,
                max_length=5000,
                initial=tr.proposals if tr else "",
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
            self.fields[f"completed_{task.pk}"] = forms.DateField(
                label=_("Milestone reached on (dd/mm/yyyy)"),
                required=False,
                initial=tr.completed_on if tr else None,
                input_formats=DATE_INPUT_FORMATS,
                error_messages={"invalid": _("Type the date as dd/mm/yyyy.")},
                widget=forms.DateInput(
                    format="%d/%m/%Y", attrs={"class": "form-control", **DATE_ATTRS}
                ),
            )
        task_choices = [("", _("(whole report)"))] + [
            (str(row.task.pk), row.task.title) for row in rows
        ]
        existing = list(obstacles)
        for index in range(len(existing) + OBSTACLE_ROWS):
            current = existing[index] if index < len(existing) else None
            self.fields[f"obstacle_{index}_description"] = forms.CharField(
                label=_("Difficulty or obstacle"),
                required=False,
                max_length=5000,
                initial=current.description if current else "",
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
            self.fields[f"obstacle_{index}_beyond"] = forms.BooleanField(
                label=_("Beyond the unit's authority"),
                required=False,
                initial=current.beyond_authority if current else False,
            )
            self.fields[f"obstacle_{index}_task"] = forms.ChoiceField(
                label=_("Task concerned"),
                required=False,
                choices=task_choices,
                initial=str(current.task_id or "") if current else "",
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        self.obstacle_count = len(existing) + OBSTACLE_ROWS

    # --- views of the cleaned data as service inputs ------------------------------------------
    def value_inputs(self) -> list[ValueInput]:
        data = self.cleaned_data
        return [
            ValueInput(
                indicator_id=ind.indicator.pk,
                value=data.get(f"value_{ind.indicator.pk}"),
                reason=data.get(f"reason_{ind.indicator.pk}") or "",
            )
            for row in self.rows
            for ind in row.indicators
        ]

    def task_inputs(self) -> list[TaskInput]:
        data = self.cleaned_data
        return [
            TaskInput(
                task_id=row.task.pk,
                done_text=data.get(f"done_{row.task.pk}") or "",
                proposals=data.get(f"proposals_{row.task.pk}") or "",
                completed_on=data.get(f"completed_{row.task.pk}"),
            )
            for row in self.rows
        ]

    def obstacle_inputs(self) -> list[ObstacleInput]:
        data = self.cleaned_data
        result = []
        for index in range(self.obstacle_count):
            text = data.get(f"obstacle_{index}_description") or ""
            if text.strip():
                task = data.get(f"obstacle_{index}_task") or None
                result.append(
                    ObstacleInput(
                        description=text,
                        beyond_authority=bool(data.get(f"obstacle_{index}_beyond")),
                        task_id=int(task) if task else None,
                    )
                )
        return result

    def attach_service_errors(self, checked) -> None:
        """Puts the service's refusals beside the fields they concern."""
        for (kind, key), message in checked.errors.items():
            name = {
                "value": f"value_{key}",
                "reason": f"reason_{key}",
                "completed_on": f"completed_{key}",
            }.get(kind)
            self.add_error(name if name in self.fields else None, message)

    # --- rendering helpers --------------------------------------------------------------------
    def obstacle_rows(self):
        return [
            (
                self[f"obstacle_{i}_description"],
                self[f"obstacle_{i}_beyond"],
                self[f"obstacle_{i}_task"],
            )
            for i in range(self.obstacle_count)
        ]


class ReviewForm(NFCFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comment to the unit"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning the report: say what must be corrected."),
    )
