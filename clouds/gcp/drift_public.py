"""What answers from the internet on a layer's network, for Google Cloud drift (clouds/gcp/drift.py
calls `answering_publicly`): Cloud SQL and AlloyDB instances with a public IP, GKE clusters with a
public control plane or nodes, and Cloud Run services (and 2nd gen functions, which are Cloud
Run services) whose Direct VPC egress puts them on a layer's network while they take requests
from the internet. The stack declares none of them. Read through clouds/gcp/drift_rest.py's
RestLists; response bodies as the API references give them:
- Cloud SQL Admin instances.list (`GET v1/projects/{project}/instances`, permission
  cloudsql.instances.list): `{"kind": "sql#instancesList", "items": [DatabaseInstance],
  "nextPageToken"}`, DatabaseInstance `name`, `region`, `settings.ipConfiguration`
  (`ipv4Enabled`: "Whether the instance is assigned a public IP address or not",
  `privateNetwork`, `authorizedNetworks[].value`, `sslMode`);
- GKE clusters.list over `locations/-` ("Location "-" matches all zones and all regions",
  `GET v1/projects/*/locations/-/clusters`, permission container.clusters.list):
  `{"clusters": [Cluster], "missingZones": [...]}`, Cluster `name`, `location`, `network`,
  `privateClusterConfig` (`enablePrivateNodes`, `enablePrivateEndpoint`),
  `controlPlaneEndpointsConfig.ipEndpointsConfig` (`enabled`, `enablePublicEndpoint`),
  `masterAuthorizedNetworksConfig` (`enabled`, `cidrBlocks[].cidrBlock`).
- AlloyDB instances.list over every cluster and location (`GET v1/projects/*/locations/-/clusters/-/
  instances`, "an aggregated list operation"; permission alloydb.instances.list): `{"instances":
  [Instance], "nextPageToken", "unreachable"}`, Instance `name` (`projects/*/locations/*/clusters/
  */instances/*`), `networkConfig` (`enablePublicIp`, `enableOutboundPublicIp`,
  `authorizedExternalNetworks[].cidrRange`); clusters.get (`GET v1/projects/*/locations/*/clusters/*`,
  alloydb.clusters.get): Cluster `networkConfig.network` ("projects/{project_number}/global/
  networks/{network_id}");
- Cloud Run Admin v2 services.list (`GET v2/projects/*/locations/{region}/services`, one region
  at a time: "cannot be the "-" wildcard"; permission run.services.list): `{"services":
  [Service], "nextPageToken"}`, Service `name`, `ingress` (INGRESS_TRAFFIC_ALL,
  INGRESS_TRAFFIC_INTERNAL_ONLY, INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER, INGRESS_TRAFFIC_NONE),
  `template.vpcAccess` (`connector`, `egress`, `networkInterfaces[]` with `network`,
  `subnetwork`: Direct VPC egress).
"""
from __future__ import annotations

from clouds.gcp.declared import last
from clouds.gcp.drift_rest import RestLists
from drift.items import Item

SQL_ADMIN = "https://sqladmin.googleapis.com"
CONTAINER = "https://container.googleapis.com"
CLOUD_RUN = "https://run.googleapis.com"
ALLOYDB = "https://alloydb.googleapis.com"
#: ingress settings under which a service takes requests from outside Google Cloud: from the
#: internet, or through an external Application Load Balancer ("Internal and Cloud Load Balancing")
FROM_OUTSIDE = ("INGRESS_TRAFFIC_ALL", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER")


def answering_publicly(lists: RestLists, projects: dict, regions, network_layer, subnet_layer) -> list[Item]:
    """Every read of this module, in the host project and each service project (`projects`:
    project -> the prefix its items are keyed with)."""
    return (public_sql_instances(lists, projects, network_layer)
            + public_alloydb_instances(lists, projects, network_layer)
            + public_gke_clusters(lists, projects, network_layer)
            + run_on_layer_networks(lists, projects, regions, network_layer, subnet_layer))


def public_sql_instances(lists: RestLists, projects: dict, network_layer) -> list[Item]:
    """Every Cloud SQL instance with a public IPv4 address in the host project and each service
    project (`projects`: project -> the prefix its items are keyed with), one list per project.
    The network stack declares no database; a vendor's on a layer's network (its private IP) is
    the layer's business, but a public address on it is a way in from the internet, narrowed
    only by its authorized networks. `network_layer`: a layer network's layer by name, None for
    any other (an instance with a public address only is the tenancy's by its project)."""
    items = []
    for project, prefix in projects.items():
        for db in lists.each(SQL_ADMIN, f"v1/projects/{project}/instances", "items", "sql.instances.list", project):
            ip = (db.get("settings") or {}).get("ipConfiguration") or {}
            if not ip.get("ipv4Enabled"):
                continue
            network = last(ip.get("privateNetwork")) or None
            items.append(Item("g_public_sql", (prefix + db["name"],), network_layer(network) if network else None,
                              {"network": network, "region": db.get("region"), "ssl_mode": ip.get("sslMode"),
                               "authorized": sorted(str(a.get("value")) for a in ip.get("authorizedNetworks") or [])},
                              db.get("selfLink") or db["name"]))
    return items


def public_alloydb_instances(lists: RestLists, projects: dict, network_layer) -> list[Item]:
    """Every AlloyDB instance with a public IP, inbound or outbound, in the host project and each
    service project: one instances.list over every cluster and location each, and the cluster of
    such an instance (clusters.get: its network, where the layer is). A list AlloyDB could not
    complete (`unreachable`) is an error, not a clean answer. The stack declares no database."""
    from google.api_core.exceptions import NotFound

    from clouds.base import EnvironmentProblem
    items = []
    for project, prefix in projects.items():
        for body in lists.pages(ALLOYDB, f"v1/projects/{project}/locations/-/clusters/-/instances",
                                "alloydb.instances.list", project):
            if body.get("unreachable"):
                raise EnvironmentProblem(f"AlloyDB could not list the instances of {project} in "
                                         f"{body['unreachable']}: run drift again when they answer")
            for instance in body.get("instances") or []:
                config = instance.get("networkConfig") or {}
                if not (config.get("enablePublicIp") or config.get("enableOutboundPublicIp")):
                    continue
                try:
                    cluster = lists.one(ALLOYDB, "v1/" + instance["name"].split("/instances/", 1)[0],
                                        "alloydb.clusters.get", project)
                except NotFound:  # deleted since the list: its network is not known, the address was there
                    cluster = {}
                network = last((cluster.get("networkConfig") or {}).get("network") or cluster.get("network"))
                items.append(Item("g_public_alloydb", (prefix + last(instance["name"]),),
                                  network_layer(network) if network else None,
                                  {"network": network, "inbound": bool(config.get("enablePublicIp")),
                                   "outbound": bool(config.get("enableOutboundPublicIp")),
                                   "authorized": sorted(str(a.get("cidrRange")) for a in
                                                        config.get("authorizedExternalNetworks") or [])},
                                  instance["name"]))
    return items


def public_gke_clusters(lists: RestLists, projects: dict, network_layer) -> list[Item]:
    """Every GKE cluster on a layer's network whose nodes take external addresses or whose
    control plane answers at a public endpoint, in the host project and each service project
    (one list each over every location). The network stack declares no cluster; a private
    one is a vendor's business. A list Google could not complete (`missingZones`) is an
    error, not a clean answer."""
    from clouds.base import EnvironmentProblem
    items = []
    for project, prefix in projects.items():
        body = lists.one(CONTAINER, f"v1/projects/{project}/locations/-/clusters", "container.clusters.list", project)
        if body.get("missingZones"):
            raise EnvironmentProblem(f"GKE could not list the clusters of {project} in {body['missingZones']}: "
                                     "run drift again when the zones answer")
        for cluster in body.get("clusters") or []:
            layer = network_layer(last(cluster.get("network")))
            private = cluster.get("privateClusterConfig") or {}
            ip = (cluster.get("controlPlaneEndpointsConfig") or {}).get("ipEndpointsConfig") or {}
            public_endpoint = ip.get("enabled", True) and (ip.get("enablePublicEndpoint") if "enablePublicEndpoint"
                                                           in ip else not private.get("enablePrivateEndpoint"))
            authorized = cluster.get("masterAuthorizedNetworksConfig") or {}
            if layer is None or not (public_endpoint or not private.get("enablePrivateNodes")):
                continue
            items.append(Item("g_gke_public", (prefix + cluster["name"],), layer, {
                "public_endpoint": bool(public_endpoint), "public_nodes": not private.get("enablePrivateNodes"),
                "authorized": sorted(b.get("cidrBlock") for b in authorized.get("cidrBlocks") or [])
                if authorized.get("enabled") else ["0.0.0.0/0"], "location": cluster.get("location")},
                cluster.get("selfLink") or cluster["name"]))
    return items


def run_on_layer_networks(lists: RestLists, projects: dict, regions, network_layer, subnet_layer) -> list[Item]:
    """Every Cloud Run service with Direct VPC egress on a layer's network that takes requests
    from outside Google Cloud (`FROM_OUTSIDE`), one list per project and declared region (Direct
    VPC egress uses a subnet of the service's own region). Its instances take addresses in the
    layer's subnet: a request from the internet runs code inside the layer, past every route and
    firewall rule between the layer and the internet. Through a connector the connector itself is
    the finding (`g_vpc_connector`); one taking internal traffic only is the layer's business."""
    items = []
    for project, prefix in projects.items():
        for region in regions:
            for service in lists.each(CLOUD_RUN, f"v2/projects/{project}/locations/{region}/services", "services",
                                      "run.services.list", project):
                ingress = service.get("ingress") or "INGRESS_TRAFFIC_ALL"
                for nic in ((service.get("template") or {}).get("vpcAccess") or {}).get("networkInterfaces") or []:
                    layer = network_layer(last(nic.get("network"))) if nic.get("network") else None
                    layer = layer or subnet_layer(last(nic.get("subnetwork")))
                    if layer is None or ingress not in FROM_OUTSIDE:
                        continue
                    items.append(Item("g_run_on_layer", (prefix + last(service["name"]),), layer,
                                      {"ingress": ingress, "network": last(nic.get("network")),
                                       "subnet": last(nic.get("subnetwork")), "region": region}, service["name"]))
    return items
