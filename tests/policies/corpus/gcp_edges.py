"""Google Cloud resources that join layers or lift the project's guardrails (session 21's
held-out probe): a VM with an interface in two layers' networks, external IPv6, a route toward
another layer through a VM, networkUser on the host project as a whole, and organization
policies that allow locations abroad or lift a constraint, in both forms pulumi_gcp offers.
Networks are named as a vendor writes them (a path to the stack's network), built with the
real SDK classes."""
import pulumi_gcp as gcp

PROJECT = "itabashi-gov-network"
TOKYO = "asia-northeast1"


def network(layer):
    return f"projects/{PROJECT}/global/networks/gc131199-{layer}"


def subnet(layer):
    return f"projects/{PROJECT}/regions/{TOKYO}/subnetworks/gc131199-{layer}-kikan-{TOKYO}"


def entries(key, opts, labels):
    """(name, the rules it must break, a function that builds it)."""
    mine = {**labels, "layer": "mynumber"}

    def vm(n, *layers, **nic):
        return gcp.compute.Instance(n, zone=f"{TOKYO}-a", machine_type="e2-small", labels=mine, opts=opts,
                                    boot_disk={"kms_key_self_link": key, "initialize_params": {"image": "debian-12"}},
                                    network_interfaces=[{"network": network(layer), "subnetwork": subnet(layer), **nic}
                                                        for layer in layers], can_ip_forward=len(layers) > 1)

    def route(n, destination, **hop):
        return gcp.compute.Route(n, network=network("mynumber"), dest_range=destination, priority=900, opts=opts,
                                 **hop)

    def policy(n, constraint, spec, project=PROJECT):
        return gcp.orgpolicy.Policy(n, name=f"projects/{project}/policies/{constraint}", parent=f"projects/{project}",
                                    spec=spec, opts=opts)

    def legacy(n, constraint, **policy_of):
        return gcp.projects.OrganizationPolicy(n, project=PROJECT, constraint=f"constraints/{constraint}", opts=opts,
                                               **policy_of)

    def member(n, role):
        return gcp.projects.IAMMember(n, project=PROJECT, role=role, member="group:vendor-ops@example.jp", opts=opts)

    ipv6 = {"stack_type": "IPV4_IPV6", "ipv6_access_configs": [{"network_tier": "PREMIUM"}]}

    def stream(n, **cmek):
        profile = f"projects/{PROJECT}/locations/{TOKYO}/connectionProfiles"
        return gcp.datastream.Stream(n, location=TOKYO, stream_id=n[-60:], display_name="juki replica", labels=labels,
                                     source_config={"source_connection_profile": f"{profile}/juki-db",
                                                    "postgresql_source_config": {"publication": "p",
                                                                                 "replication_slot": "s"}},
                                     destination_config={"destination_connection_profile": f"{profile}/bq",
                                                         "bigquery_destination_config": {}},
                                     backfill_none={}, opts=opts, **cmek)

    def backup_plan(n, **cmek):
        return gcp.gkebackup.BackupPlan(n, location=TOKYO, labels=labels, opts=opts,
                                        cluster=f"projects/{PROJECT}/locations/{TOKYO}/clusters/juki",
                                        backup_config={"include_volume_data": True, "include_secrets": True,
                                                       "all_namespaces": True, **cmek})

    def pool(n, **cmek):
        return gcp.netapp.StoragePool(n, location=TOKYO, service_level="PREMIUM", capacity_gib="2048", labels=labels,
                                      network=network("lgwan"), opts=opts, **cmek)
    def github(n, **more):
        return gcp.iam.WorkloadIdentityPoolProvider(
            n, workload_identity_pool_id="ci", workload_identity_pool_provider_id=n[-32:], opts=opts,
            attribute_mapping={"google.subject": "assertion.sub", "attribute.repository": "assertion.repository"},
            oidc={"issuer_uri": "https://token.actions.githubusercontent.com"}, **more)

    def dataset(n, access):
        return gcp.bigquery.Dataset(n, dataset_id=n.replace("-", "_")[-60:], location=TOKYO, labels=labels,
                                    default_encryption_configuration={"kms_key_name": key}, opts=opts,
                                    accesses=[{"role": "OWNER", "special_group": "projectOwners"}, access])

    return [
        # compliant
        ("vm-one-layer", set(), lambda n: vm(n, "mynumber")),
        ("vm-two-subnets-of-one-layer", set(), lambda n: gcp.compute.Instance(
            n, zone=f"{TOKYO}-a", machine_type="e2-small", labels=mine, opts=opts,
            boot_disk={"kms_key_self_link": key, "initialize_params": {"image": "debian-12"}},
            network_interfaces=[{"network": network("mynumber"), "subnetwork": subnet("mynumber")},
                                {"network": network("mynumber")}])),
        ("route-appliance-own-layer", set(), lambda n: route(n, "10.13.49.0/24", next_hop_ip="10.13.48.10")),
        ("project-network-viewer", set(), lambda n: member(n, "roles/compute.networkViewer")),
        ("locations-japan", set(), lambda n: policy(n, "gcp.resourceLocations", {"rules": [{"values": {
            "allowed_values": ["in:asia-northeast1-locations", "asia-northeast2"]}}]}, project=f"{PROJECT}-dr")),
        ("guardrail-kept", set(), lambda n: policy(n, "compute.skipDefaultNetworkCreation", {"rules": [{
            "enforce": "TRUE"}]})),
        ("legacy-guardrail-kept", set(), lambda n: legacy(n, "compute.disableSerialPortAccess",
                                                          boolean_policy={"enforced": True})),
        ("stream-cmek", set(), lambda n: stream(n, customer_managed_encryption_key=key)),
        ("file-pool-cmek", set(), lambda n: pool(
            n, kms_config=f"projects/{PROJECT}/locations/{TOKYO}/kmsConfigs/lgwan")),
        ("gke-backup-cmek", set(), lambda n: backup_plan(n, encryption_key={"gcp_kms_encryption_key": key})),
        # non-compliant
        ("gke-backup-google-key", {"GOV-ENC-007"}, lambda n: backup_plan(n)),
        ("stream-google-key", {"GOV-ENC-007"}, lambda n: stream(n)),
        ("file-pool-google-key", {"GOV-ENC-007"}, lambda n: pool(n)),
        ("vm-two-layers", {"GOV-ISO-004"}, lambda n: vm(n, "mynumber", "lgwan")),
        ("vm-external-ipv6", {"GOV-ISO-001"}, lambda n: vm(n, "mynumber", **ipv6)),
        # a vendor's management interface beside the layer's: a way out of mynumber
        ("vm-mynumber-and-vendor-network", {"GOV-ISO-004"}, lambda n: gcp.compute.Instance(
            n, zone=f"{TOKYO}-a", machine_type="e2-small", labels=mine, opts=opts, can_ip_forward=True,
            boot_disk={"kms_key_self_link": key, "initialize_params": {"image": "debian-12"}},
            network_interfaces=[{"network": network("mynumber"), "subnetwork": subnet("mynumber")},
                                {"network": "projects/vendor-ops/global/networks/maintenance"}])),
        ("template-external-ipv6", {"GOV-ISO-001"}, lambda n: gcp.compute.InstanceTemplate(
            n, machine_type="e2-small", labels=mine, opts=opts,
            disks=[{"source_image": "debian-12", "disk_encryption_key": {"kms_key_self_link": key}}],
            network_interfaces=[{"network": network("mynumber"), "subnetwork": subnet("mynumber"), **ipv6}])),
        ("route-appliance-to-lgwan", {"GOV-ISO-005"}, lambda n: route(n, "10.13.52.0/24", next_hop_ip="10.13.48.10")),
        ("route-appliance-to-lgwan-dc", {"GOV-ISO-005"}, lambda n: route(
            n, "172.29.0.0/24", next_hop_instance=f"projects/{PROJECT}/zones/{TOKYO}-a/instances/vendor-router")),
        ("project-network-user", {"GOV-ACCT-003"}, lambda n: member(n, "roles/compute.networkUser")),
        ("locations-abroad", {"GOV-REG-008"}, lambda n: policy(n, "gcp.resourceLocations", {"rules": [{"values": {
            "allowed_values": ["in:asia-northeast1-locations", "in:us-locations"]}}]}, project=f"{PROJECT}-dr")),
        ("locations-reset", {"GOV-REG-008"}, lambda n: policy(n, "gcp.resourceLocations", {"reset": True},
                                                              project=f"{PROJECT}-dr")),
        ("legacy-locations-all", {"GOV-REG-008"}, lambda n: legacy(n, "gcp.resourceLocations",
                                                                   list_policy={"allow": {"all": True}})),
        ("guardrail-lifted", {"GOV-ACCT-006"}, lambda n: policy(n, "compute.vmExternalIpAccess", {"rules": [{
            "allow_all": "TRUE"}]})),
        ("guardrail-unenforced", {"GOV-ACCT-006"}, lambda n: policy(n, "compute.disableSerialPortAccess", {"rules": [{
            "enforce": "FALSE"}]})),
        ("legacy-guardrail-restored", {"GOV-ACCT-006"}, lambda n: legacy(n, "compute.restrictVpcPeering",
                                                                         restore_policy={"default": True})),
        # a workload identity provider for GitHub Actions: any repository's token, unless the
        # condition names the municipality's organization
        ("wif-github-any-repository", {"GOV-DATA-004"}, lambda n: github(n)),
        ("wif-github-organization", set(), lambda n: github(
            n, attribute_condition="assertion.repository_owner == 'city-itabashi'")),
        # BigQuery's own dataset ACL beside IAM (session 22's probe)
        ("dataset-acl-named", set(), lambda n: dataset(n, {"role": "READER", "group_by_email": "juki@city.jp"})),
        ("dataset-acl-all-authenticated", {"GOV-DATA-004"}, lambda n: dataset(
            n, {"role": "READER", "special_group": "allAuthenticatedUsers"})),
        ("dataset-access-project-readers", set(), lambda n: gcp.bigquery.DatasetAccess(
            n, dataset_id="juki", role="READER", special_group="projectReaders", opts=opts)),
        ("dataset-access-all-users", {"GOV-DATA-004"}, lambda n: gcp.bigquery.DatasetAccess(
            n, dataset_id="juki", role="READER", iam_member="allUsers", opts=opts)),
    ]
