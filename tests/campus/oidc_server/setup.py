"""Fill the test provider's database: the client and the college's people."""

import sys

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

client_id, client_secret, redirect_uri = sys.argv[1:4]
call_command("migrate", verbosity=0)
Application.objects.create(
    name="partnerships",
    client_id=client_id,
    client_secret=client_secret,
    client_type=Application.CLIENT_CONFIDENTIAL,
    authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    redirect_uris=redirect_uri,
    algorithm=Application.RS256_ALGORITHM,
    skip_authorization=True,
)
# username = the staff or student number; the e-mail's local part = the role.
for number, name, role, password, last_name in [
    ("T3001", "Chen Jing", "teacher", "Teach-3001", ""),
    ("20240003", "Zhou Min", "student", "Study-0003", ""),
    ("X8888", "Sun Hao", "staff", "Other-8888", ""),
    ("20240004", "Wu Lei", "student", "Study-0004", "misissued"),
]:
    User.objects.create_user(
        username=number,
        password=password,
        first_name=name,
        last_name=last_name,
        email=f"{role}@college.example",
    )
