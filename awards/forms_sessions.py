"""Forms of the council and session screens. They only read input; rules live in
awards.councils and awards.sessions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.forms_setup import datetime_field
from units.forms import NFCFormMixin

from .models import CouncilMember, Vote
from .sessions import MAX_NOTE_LENGTH, MAX_REASON_LENGTH, RECUSE


class CouncilForm(NFCFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=255,
        help_text=_("E.g. Hội đồng Thi đua - Khen thưởng Sở Tài nguyên và Môi trường."),
    )
    size = forms.IntegerField(
        label=_("Number of members"),
        min_value=1,
        max_value=200,
        help_text=_("Quorum and vote thresholds are counted against this number."),
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        parts = [obj.full_name]
        if obj.position:
            parts.append(obj.position)
        parts.append(obj.organization.name)
        return " — ".join(parts)


class CouncilMemberForm(NFCFormMixin, forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=None)
    role = forms.ChoiceField(
        label=_("Role"), choices=CouncilMember.Role.choices, initial=CouncilMember.Role.MEMBER
    )
    order = forms.IntegerField(
        label=_("Order in the list"), min_value=0, max_value=999, required=False, initial=0
    )

    def __init__(self, *args, candidates=None, fixed_person=False, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_person:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = candidates


class SessionForm(NFCFormMixin, forms.Form):
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=255)
    scheduled_at = datetime_field(
        _("Date and time"),
        help_text=_("E.g. 23/11/2026 and 09:00."),
    )
    place = forms.CharField(label=_("Place"), max_length=255)
    notes = forms.CharField(
        label=_("Notes for the minutes"),
        required=False,
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns
        if not self.is_bound and "campaign" not in self.initial and campaigns is not None:
            # The usual case: one campaign under way; nothing to choose.
            first_two = list(campaigns[:2])
            if len(first_two) == 1:
                self.initial["campaign"] = first_two[0].pk
        if not self.is_bound and "scheduled_at" in self.initial:
            self.initial["scheduled_at"] = timezone.localtime(self.initial["scheduled_at"])


class AgendaForm(forms.Form):
    nominations = forms.TypedMultipleChoiceField(
        label=_("Nominations to put on the agenda"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one nomination.")},
    )

    def __init__(self, *args, eligible=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].choices = [(n.pk, str(n)) for n in eligible]


class AttendanceForm(NFCFormMixin, forms.Form):
    """One present/absent choice and an absence reason per seat."""

    def __init__(self, *args, members=(), attendance=None, **kwargs):
        super().__init__(*args, **kwargs)
        attendance = attendance or {}
        self.rows = []
        for member in members:
            record = attendance.get(member.pk)
            status_name, reason_name = f"status_{member.pk}", f"reason_{member.pk}"
            self.fields[status_name] = forms.ChoiceField(
                label=member.person.full_name,
                choices=[("present", _("Present")), ("absent", _("Absent"))],
                widget=forms.RadioSelect,
                initial=None if record is None else ("present" if record.present else "absent"),
                error_messages={"required": _("Record this member as present or absent.")},
            )
            self.fields[reason_name] = forms.CharField(
                label=_("Reason for absence"),
                required=False,
                max_length=MAX_REASON_LENGTH,
                initial=record.absence_reason if record else "",
            )
            self.rows.append((member, status_name, reason_name))

    def bound_rows(self):
        return [(member, self[status], self[reason]) for member, status, reason in self.rows]

    def attendance_rows(self) -> dict:
        data = self.cleaned_data
        return {
            member.pk: (data[status] == "present", data.get(reason, ""))
            for member, status, reason in self.rows
        }


class OpinionsForm(NFCFormMixin, forms.Form):
    """An absent member's written opinion on each item (blank: no opinion on it)."""

    def __init__(self, *args, items=(), opinions=None, **kwargs):
        super().__init__(*args, **kwargs)
        opinions = opinions or {}
        self.rows = []
        for item in items:
            current = opinions.get(item.pk)
            choice_name, note_name = f"choice_{item.pk}", f"note_{item.pk}"
            self.fields[choice_name] = forms.ChoiceField(
                label=str(item.nomination),
                choices=[("", _("No written opinion")), *Vote.choices],
                required=False,
                initial=current.choice if current else "",
            )
            self.fields[note_name] = forms.CharField(
                label=_("Content"),
                required=False,
                max_length=MAX_NOTE_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=current.note if current else "",
            )
            self.rows.append((item, choice_name, note_name))

    def bound_rows(self):
        return [(item, self[choice], self[note]) for item, choice, note in self.rows]

    def opinions(self) -> dict:
        data = self.cleaned_data
        return {item.pk: (data[choice], data.get(note, "")) for item, choice, note in self.rows}


class VoteForm(NFCFormMixin, forms.Form):
    """The voter's choices for the items not yet voted on; `only` limits a submit to one item."""

    only = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for item in items:
            choice_name, reason_name = f"choice_{item.pk}", f"reason_{item.pk}"
            self.fields[choice_name] = forms.ChoiceField(
                label=str(item.nomination),
                choices=[
                    (Vote.APPROVE, _("Agree")),
                    (Vote.REJECT, _("Disagree")),
                    (RECUSE, _("Recuse (conflict of interest)")),
                ],
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[reason_name] = forms.CharField(
                label=_("Reason for recusing"), required=False, max_length=MAX_REASON_LENGTH
            )
            self.rows.append((item, choice_name, reason_name))

    def bound_rows(self):
        return [(item, self[choice], self[reason]) for item, choice, reason in self.rows]

    def clean(self):
        cleaned = super().clean()
        only = cleaned.get("only")
        entries = []
        for item, choice_name, reason_name in self.rows:
            if only and item.pk != only:
                continue
            choice = cleaned.get(choice_name)
            reason = cleaned.get(reason_name, "")
            if not choice:
                continue
            if choice == RECUSE and not reason:
                self.add_error(reason_name, _("Give the reason for recusing."))
                continue
            entries.append((item, choice, reason))
        if only and not entries and not self.errors:
            raise forms.ValidationError(_("Choose agree, disagree or recuse for this item."))
        if not entries and not self.errors:
            raise forms.ValidationError(
                _("Choose agree, disagree or recuse for at least one item.")
            )
        cleaned["entries"] = entries
        return cleaned


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Your receipt code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("The code shown once when you voted, e.g. K7QX2-MP9TD."),
    )
