from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_nominations_councils_registry")]

    operations = []
