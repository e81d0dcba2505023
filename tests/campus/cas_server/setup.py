"""Fill the test CAS server's database: the service pattern and the college's people."""

import sys

import django

django.setup()

from cas_server.models import ReplaceAttributName, ServicePattern  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402

(pattern,) = sys.argv[1:2]
call_command("migrate", verbosity=0)
service = ServicePattern.objects.create(
    name="partnerships", pattern=pattern, single_log_out=True, pos=1
)
# Released attributes: the number (the login), the role and the name.
ReplaceAttributName.objects.create(service_pattern=service, name="last_name", replace="role")
ReplaceAttributName.objects.create(service_pattern=service, name="first_name", replace="cn")
for number, name, role, password in [
    ("T4001", "Lin Tao", "teacher", "Teach-4001"),
    ("20240005", "Guo Yan", "student", "Study-0005"),
    ("X7777", "Ma Jun", "staff", "Other-7777"),
]:
    User.objects.create_user(username=number, password=password, first_name=name, last_name=role)
