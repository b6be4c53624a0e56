"""What the mock runtime answers for Google Cloud resources and invokes: ids and self links
derived from the project and the resource's name. Nothing here decides what is built."""
from __future__ import annotations

from inventory.tokens import GCP

PROJECT_NUMBER = "412345678901"


def resource(typ, name, inputs, key, region, default_project):
    project = inputs.get("project") or default_project
    resource = typ.split(":")[-1][0].lower() + typ.split(":")[-1][1:]
    rid = f"projects/{project}/{resource}s/{inputs.get('name', name)}"
    state = {"selfLink": f"https://www.googleapis.com/compute/v1/{rid}", "project": project,
             "numericId": str(int(key[:12], 16))}
    if typ == GCP.KMS_KEY_RING:
        rid = f"projects/{project}/locations/{inputs.get('location')}/keyRings/{inputs.get('name', name)}"
    if typ == GCP.KMS_CRYPTO_KEY:
        rid = f"{inputs.get('keyRing')}/cryptoKeys/{inputs.get('name', name)}"
    if typ == GCP.INTERCONNECT_ATTACHMENT:
        state["pairingKey"] = f"{key[:8]}-{key[8:12]}-{key[12:16]}/{region}/1"
        state["cloudRouterIpAddress"] = "169.254.10.1/29"
        state["customerRouterIpAddress"] = "169.254.10.2/29"
    if typ == GCP.HA_VPN_GATEWAY:
        state["vpnInterfaces"] = [{"id": 0, "ipAddress": "35.0.0.1"}, {"id": 1, "ipAddress": "35.0.0.2"}]
    return rid, {**inputs, **state, "id": rid}


def call(token: str, args: dict, region: str, default_project: str) -> dict | None:
    if token == "gcp:logging/getProjectCmekSettings:getProjectCmekSettings":
        project = args.get("project") or default_project
        return {"project": project, "name": f"projects/{project}/cmekSettings", "id": f"projects/{project}/cmekSettings",
                "serviceAccountId": f"service-{PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com"}
    if token == "gcp:organizations/getProject:getProject":
        project = args.get("projectId") or default_project
        return {"projectId": project, "number": stand_in_number(project), "name": project, "id": f"projects/{project}"}
    return None


def stand_in_number(project: str) -> str:
    """The project number the offline plan writes for a project (a service project's
    `<number>@cloudservices.gserviceaccount.com`): deterministic, twelve digits, and not the
    real one, which only Google knows. Drift reads live numbers in these terms."""
    return str(400000000000 + int.from_bytes(project.encode(), "big") % 99999999999)
