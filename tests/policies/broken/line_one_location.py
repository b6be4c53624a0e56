"""Declared maximum (two lines at each of two locations), but the Osaka connections are
built at the Tokyo location EqTY2: four lines at one location do not meet the tier."""
STACK = "minato"
FAMILY = "line"
EXPECTED = {"GOV-LINE-001"}


def alter(resource):
    if resource["type"] == "aws:directconnect/connection:Connection" and resource["inputs"]["location"] == "EqOS1":
        resource["inputs"]["location"] = "EqTY2"
