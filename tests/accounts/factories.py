import factory
from django.contrib.auth.models import Group, User

from accounts.access import Role
from accounts.models import Profile

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        enterprise = kwargs.get("enterprise")
        Profile.objects.get_or_create(user=self, defaults={"enterprise": enterprise})
        if extracted:
            self.groups.add(Group.objects.get_or_create(name=Role(extracted).value)[0])
            if extracted == Role.ADMINISTRATOR:
                self.is_staff = True
                self.save(update_fields=["is_staff"])
