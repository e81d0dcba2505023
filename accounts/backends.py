"""Model permissions follow the role: an administrator may do everything.

The admin site asks for Django model permissions; rather than keeping the
administrator group's permission list in step with every new model, the role
grants them all. Other roles get none (they do not use the admin site).
"""

from django.contrib.auth.backends import BaseBackend

from accounts.access import is_administrator


class RolePermissionBackend(BaseBackend):
    def authenticate(self, request, **credentials):
        return None  # permissions only; ModelBackend checks passwords

    def has_perm(self, user_obj, perm, obj=None):
        return user_obj.is_active and is_administrator(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and is_administrator(user_obj)
