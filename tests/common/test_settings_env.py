"""Settings come from the environment; malformed values stop the start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parents[2]


def run_check(extra_env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "REDIS_URL",
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env={**clean, **extra_env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_a_malformed_boolean(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env.boolean("SOME_FLAG", False)


def test_it_reads_booleans_and_integers(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "off")
    monkeypatch.setenv("SOME_NUMBER", "12")
    assert env.boolean("SOME_FLAG", True) is False
    assert env.integer("SOME_NUMBER", 3) == 12
    monkeypatch.setenv("SOME_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env.integer("SOME_NUMBER", 3)


def test_it_reads_a_secret_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret-value\n")
    monkeypatch.setenv("MY_SECRET_FILE", str(secret))
    assert env.string("MY_SECRET") == "s3cret-value"


@pytest.mark.parametrize(
    "value",
    ["mysql://localhost/db", "postgres://", "postgres://host:port/db"],
)
def test_it_refuses_a_malformed_database_url(monkeypatch, value):
    monkeypatch.setenv("DATABASE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.url("DATABASE_URL", schemes=("postgres", "postgresql", "sqlite"))


def test_start_up_fails_clearly_on_a_bad_broker_url():
    result = run_check({"CELERY_BROKER_URL": "http://nowhere"})
    assert result.returncode != 0
    assert "CELERY_BROKER_URL must start with" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_check(
        {
            "DEBUG": "0",
            "SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-0123456789",
            "ALLOWED_HOSTS": "partners.example.edu.cn",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_needs_a_secret_key():
    result = run_check({"DEBUG": "0", "ALLOWED_HOSTS": "partners.example.edu.cn"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
