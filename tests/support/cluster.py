"""Several assistants behind nginx, sharing PostgreSQL and Redis, as docker-compose.yml runs them.

The processes are started with the commands of docker-compose.yml (`python -m bot run --only
actions`, `python -m bot run --only rasa` twice, nginx with deploy/nginx-assistant.conf.template),
on free ports, each in its own process group so that one can be killed whole.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any, Dict, List, Optional

from bot.engine.processes import free_port, latest_model, start, stop, wait_until_up
from bot.paths import ROOT

POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
NGINX_TEMPLATE = ROOT / "deploy" / "nginx-assistant.conf.template"
STARTUP_TIMEOUT = 300


def reachable(address: tuple) -> bool:
    try:
        socket.create_connection(address, timeout=1).close()
        return True
    except OSError:
        return False


def missing_service() -> Optional[str]:
    """Why the cluster cannot run here, or None."""
    if not reachable(POSTGRES):
        return "PostgreSQL absent sur 127.0.0.1:5432"
    if not reachable(REDIS):
        return "Redis absent sur 127.0.0.1:6379"
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        return "nginx absent (make proxy, ou apt-get install nginx)"
    if os.geteuid() != 0:
        return "redémarrer PostgreSQL demande les droits root"
    return None


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def restart_postgresql(admin: Any) -> None:
    """Restarts the PostgreSQL server `admin` (a psycopg2 connection) is connected to."""
    cursor = admin.cursor()
    cursor.execute("SHOW data_directory")
    data_directory = Path(cursor.fetchone()[0])
    cursor.execute("SHOW server_version_num")
    major = int(cursor.fetchone()[0]) // 10000
    cluster = data_directory.name
    if shutil.which("pg_ctlcluster") and Path(f"/etc/postgresql/{major}/{cluster}").exists():
        command = ["pg_ctlcluster", str(major), cluster, "restart", "-m", "fast"]
    else:
        command = ["runuser", "-u", data_directory.owner(), "--", "pg_ctl", "restart", "-D", str(data_directory),
                   "-m", "fast", "-w", "-l", str(data_directory / "restart.log")]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@dataclass
class Cluster:
    workdir: Path
    env: Dict[str, str]
    proxy_url: str = ""
    rasa_urls: List[str] = field(default_factory=list)
    rasa: List[subprocess.Popen] = field(default_factory=list)
    others: List[subprocess.Popen] = field(default_factory=list)

    @classmethod
    def start(cls, workdir: Path, database: str, redis_db: int) -> Cluster:
        model = latest_model()
        actions_port, proxy_port = free_port(), free_port()
        env = {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "CLINIC_PRODUCTION": "true",
            "CLINIC_STAFF_TOKEN": secrets.token_urlsafe(32),
            "CLINIC_CONVERSATION_SECRET": secrets.token_urlsafe(32),
            "ACTION_SERVER_SECRET": secrets.token_urlsafe(32),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
            "CLINIC_DATABASE_URL": f"postgresql://postgres@{POSTGRES[0]}:{POSTGRES[1]}/{database}",
            "TRACKER_HOST": POSTGRES[0], "TRACKER_DB": database, "TRACKER_USER": "postgres", "TRACKER_PASSWORD": "",
            "LOCK_STORE_HOST": REDIS[0],
            "CLINIC_REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/{redis_db}",
            "CLINIC_TRUSTED_PROXIES": "1",
            # Every test patient comes from 127.0.0.1: the per-address budget is the clinic's to set.
            "CLINIC_LIMITS": '{"requests_per_address": 100000}',
        }
        env.pop("CLINIC_ACCEPT_UNSIGNED_SENDERS", None)
        cluster = cls(workdir, env, proxy_url=f"http://127.0.0.1:{proxy_port}")
        cluster.others.append(cluster.launch("actions", ["--only", "actions", "--actions-port", str(actions_port)]))
        for number in (1, 2):
            port = free_port()
            cluster.rasa_urls.append(f"http://127.0.0.1:{port}")
            cluster.rasa.append(cluster.launch(f"rasa{number}", [
                "--only", "rasa", "--port", str(port), "--model", str(model),
                "--endpoints", "endpoints.production.yml",
            ]))
        cluster.others.append(cluster.start_nginx(proxy_port))
        health = [url + "/" for url in cluster.rasa_urls] + [f"http://127.0.0.1:{actions_port}/health",
                                                             cluster.proxy_url + "/"]
        if not wait_until_up(health, cluster.rasa + cluster.others, STARTUP_TIMEOUT):
            cluster.stop()
            raise RuntimeError(f"Le groupe de serveurs n'a pas démarré : voir {workdir}/*.log")
        return cluster

    def launch(self, name: str, arguments: List[str]) -> subprocess.Popen:
        with (self.workdir / f"{name}.log").open("w") as log:
            return start([sys.executable, "-m", "bot", "run", *arguments], self.env, log.fileno(), own_session=True)

    def start_nginx(self, port: int) -> subprocess.Popen:
        upstreams = {"RASA_1": self.rasa_urls[0].removeprefix("http://"),
                     "RASA_2": self.rasa_urls[1].removeprefix("http://"), "PROXY_PORT": f"127.0.0.1:{port}"}
        site = self.workdir / "assistant.conf"
        site.write_text(Template(NGINX_TEMPLATE.read_text()).safe_substitute(upstreams))
        main = self.workdir / "nginx.conf"
        main.write_text(f"worker_processes 1;\nevents {{ worker_connections 1024; }}\n"
                        f"http {{ access_log off; include {site}; }}\n")
        command = [nginx_binary(), "-e", str(self.workdir / "nginx-error.log"), "-c", str(main),
                   "-g", f"daemon off; pid {self.workdir / 'nginx.pid'};"]
        with (self.workdir / "nginx.log").open("w") as log:
            return start(command, self.env, log.fileno(), own_session=True)

    def kill_rasa(self, number: int) -> None:
        """An instance dies at once (no clean stop): its process group gets SIGKILL."""
        process = self.rasa[number - 1]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self) -> None:
        stop([p for p in self.rasa + self.others if p.poll() is None], timeout=30)
