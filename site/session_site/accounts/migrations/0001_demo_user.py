"""Create the site's one user, "demo", who logs in without a password (see views.log_in)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from session_site.accounts import DEMO_USERNAME


def create_demo_user(apps: Any, schema_editor: Any) -> None:
    user_model = apps.get_model("auth", "User")
    # "!" is an unusable password: nobody can log in as demo with a password form.
    user_model.objects.create(username=DEMO_USERNAME, password="!")


def delete_demo_user(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "User").objects.filter(username=DEMO_USERNAME).delete()


class Migration(migrations.Migration):
    dependencies = [("auth", "0001_initial")]
    operations = [migrations.RunPython(create_demo_user, delete_demo_user)]
