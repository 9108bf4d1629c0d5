from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_default_holidays")]

    operations = []
