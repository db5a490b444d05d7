"""The sample nginx site for the centre is a configuration nginx accepts (``nginx -t``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parents[2] / "installer" / "deb" / "window-clerk-server" / "nginx-window-clerk.conf"


@pytest.mark.skipif(not shutil.which("nginx") or not shutil.which("openssl"),
                    reason="nginx (and openssl) not installed: apt-get install nginx-light")
def test_sample_site_passes_nginx_t(tmp_path):
    key, cert = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=clerk.centre.example"], check=True, capture_output=True)
    site = SITE.read_text().replace("/etc/ssl/window-clerk/", f"{tmp_path}/")
    assert site.count(str(tmp_path)) == 2, "the sample names its certificate and key under /etc/ssl/window-clerk/"
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n")
    p = subprocess.run(["nginx", "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
