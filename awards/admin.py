from django.contrib import admin

from .models import BaseSalary


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "amount", "legal_basis", "verified"]
