"""The Excel round trip of a unit's report: download the pre-filled workbook, upload it filled."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from units.text import vn_number

from .. import excel, reporting
from ..access import period_and_unit_for_reporting
from ..models import ProgressReport
from .reporting import STATUS_BADGES


class ExcelUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The content is checked when the workbook is read; the name only gives an early hint.
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Only Excel workbooks (.xlsx) can be uploaded; this file is “%(name)s”.")
                % {"name": upload.name}
            )
        return upload


@login_required
@require_GET
@never_cache
def excel_download(request, period_pk, unit_pk):
    period, unit = period_and_unit_for_reporting(request, period_pk, unit_pk)
    report = ProgressReport.objects.filter(period=period, unit=unit).first()
    content = excel.build_workbook(period, unit, report)
    response = HttpResponse(content, content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = excel.content_disposition(
        excel.workbook_filename(period, unit)
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def excel_upload(request, period_pk, unit_pk):
    period, unit = period_and_unit_for_reporting(request, period_pk, unit_pk)
    if not reporting.can_edit_for_unit(request.user, unit):
        raise PermissionDenied
    report = ProgressReport.objects.filter(period=period, unit=unit).first()
    editable = report is None or report.is_editable
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    errors: list[excel.CellError] = []
    if request.method == "POST":
        if not editable:
            errors = [
                excel.CellError(
                    "", "", _("This report has been submitted: it can no longer be changed.")
                )
            ]
        elif form.is_valid():
            result = excel.import_workbook(request.user, form.cleaned_data["file"], period, unit)
            if result.ok:
                messages.success(
                    request,
                    _(
                        "The workbook was imported into the draft: %(values)d indicator values and "
                        "%(tasks)d tasks. Check them, then the unit head submits the report."
                    )
                    % {"values": result.values, "tasks": result.tasks},
                )
                for warning in result.warnings:
                    messages.warning(request, str(warning))
                return redirect("report_edit", period_pk=period.pk, unit_pk=unit.pk)
            errors = result.errors
    status = reporting.unit_status(period, report)
    return render(
        request,
        "campaign/excel/upload.html",
        {
            "period": period,
            "unit": unit,
            "report": report,
            "editable": editable,
            "status_label": reporting.status_label(status),
            "status_badge": STATUS_BADGES.get(status, "secondary"),
            "form": form,
            "errors": errors,
            "max_size": vn_number(
                (Decimal(excel.upload_max_bytes()) / 1048576).quantize(Decimal("0.1"))
            ),
        },
    )
