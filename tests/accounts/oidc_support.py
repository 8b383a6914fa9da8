"""A real OpenID provider for the single sign-on tests, and a browser that follows the
redirects between it and Echo.

The provider is panva's oidc-provider (OpenID Certified), started by node from
tests/accounts/oidc_provider (``npm ci`` there installs the versions of the lock file).
Without node or the package the tests are skipped, unless ``ECHO_TEST_REQUIRE_BROWSER=1``
(CI, which installs Node.js), in which case they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import httpx2
import pytest
from starlette.testclient import TestClient

PROVIDER_DIR = Path(__file__).parent / "oidc_provider"
REQUIRE = os.environ.get("ECHO_TEST_REQUIRE_BROWSER") == "1"
CLIENT_SECRET = "echo-test-secret"
# Echo's provider names and the provider's clients for them (server.mjs says what each does).
CLIENTS = {"test": "echo", "tampered": "echo-tampered", "wrongaud": "echo-wrong-aud"}


def find_node() -> str:
    """The node binary, or skip (fail under CI) when node or oidc-provider is missing."""
    path = shutil.which("node")
    if path is None:
        problem = "node is not installed"
    elif not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        problem = f"oidc-provider is not installed: run `npm ci` in {PROVIDER_DIR}"
    else:
        return path
    if REQUIRE:
        pytest.fail(f"ECHO_TEST_REQUIRE_BROWSER=1 but {problem}")
    pytest.skip(problem)


@contextmanager
def running_provider(
    node: str,
    redirect_uris: list[str],
    *,
    conform_id_token_claims: bool = False,
    default_account: str | None = None,
) -> Iterator[str]:
    """Start server.mjs, wait until its discovery document answers, yield its issuer, and
    stop it afterwards. ``conform_id_token_claims``: the person's claims only at UserInfo;
    ``default_account``: who signs in when the request names nobody (a real browser)."""
    options: dict[str, object] = {
        "redirectUris": redirect_uris,
        "conformIdTokenClaims": conform_id_token_claims,
    }
    if default_account is not None:
        options["defaultAccount"] = default_account
    process = subprocess.Popen(
        [node, "server.mjs", json.dumps(options)],
        cwd=PROVIDER_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors: list[str] = []
    reader = threading.Thread(
        target=lambda: errors.extend(process.stderr or []), daemon=True
    )  # drained so the pipe never fills
    reader.start()
    try:
        issuer = ""
        assert process.stdout is not None
        deadline = time.monotonic() + 30
        for line in process.stdout:
            if line.startswith("{"):
                issuer = json.loads(line)["issuer"]
                break
            if time.monotonic() > deadline:
                break
        assert issuer, f"the provider did not start: {''.join(errors)[-2000:]}"
        while True:
            try:
                answer = httpx2.get(f"{issuer}/.well-known/openid-configuration", timeout=2)
                if answer.status_code == 200:
                    break
            except httpx2.HTTPError:
                pass
            assert time.monotonic() < deadline, "the provider's discovery never answered"
            time.sleep(0.1)
        yield issuer
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=10)
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


def providers_toml(issuer: str, *, client_ids: dict[str, str] | None = None) -> str:
    """Echo's ECHO_OIDC_PROVIDERS file: one entry per client of the test provider."""
    entries = []
    for name, client_id in (client_ids or CLIENTS).items():
        entries.append(
            "[[provider]]\n"
            f'name = "{name}"\n'
            f'label = "Test Health ({name})"\n'
            f'issuer = "{issuer}"\n'
            f'client_id = "{client_id}"\n'
            f'client_secret = "{CLIENT_SECRET}"\n'
            'allowed_domains = ["hospital.example"]\n'
        )
    return "\n".join(entries)


@dataclass
class SignIn:
    """The end of a sign-in: Echo's answer to the callback, and the callback's URL."""

    response: httpx2.Response
    callback_path: str
    visited: list[str] = field(default_factory=list)


class Browser:
    """One browser: Echo through its test client, the provider over HTTP, each with its own
    cookies, following redirects from one to the other."""

    def __init__(self, echo: TestClient, base_url: str) -> None:
        self.echo = echo
        self.base_url = base_url
        self.provider = httpx2.Client(follow_redirects=False, timeout=10)

    def close(self) -> None:
        self.provider.close()

    def sign_in(self, provider: str = "test", account: str = "verified", start: str = "") -> SignIn:
        """Press "Sign in with ..." (or open ``start``), sign in at the provider as
        ``account`` (its login_hint), and return Echo's answer to the callback."""
        answer = self.echo.get(start or f"/login/sso/{provider}")
        assert answer.status_code == 303, answer.text[:500]
        url = answer.headers["location"] + f"&login_hint={account}"
        visited = []
        for _ in range(20):
            if url.startswith(self.base_url):
                path = url[len(self.base_url) :]
                return SignIn(self.echo.get(path), path, visited)
            visited.append(url)
            reply = self.provider.get(url)
            assert reply.status_code in (302, 303), (url, reply.status_code, reply.text[:500])
            url = urljoin(url, reply.headers["location"])
        raise AssertionError(f"too many redirects: {visited}")
