"""The benchmark's data generator, run under the product's test settings.

bench is not an installed app there (bench/settings.py adds it), so the
command runs as a command object rather than by name.
"""

import io

from django.core.management import call_command

from bench.management.commands.generate_data import Command as GenerateData


def generate_data(**options) -> None:
    options.setdefault("stdout", io.StringIO())
    call_command(GenerateData(), **options)
