"""schemathesis against the app in-process (WSGI, no network): every operation of the served OpenAPI document,
its examples, boundary (coverage) cases and generated cases, valid and invalid, each checked for server
errors, undocumented statuses, content types, headers and bodies, schema-valid requests refused and
schema-invalid ones accepted, and a 405 with Allow for every method an operation does not list.

`python -m pytest -q tests/test_contract.py -s` also prints how many cases ran."""
from __future__ import annotations

from collections import Counter

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import load_all_checks  # noqa: E402
from schemathesis.config import SchemathesisConfig  # noqa: E402

from web.app import create_app  # noqa: E402
from web.openapi import document  # noqa: E402
from web.settings import defaults  # noqa: E402

load_all_checks()
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance, negative_data_rejection, positive_data_acceptance, unsupported_method]
# A SPARQL query's grammar is no JSON Schema: a schema-valid string is mostly not a query, and is rightly a 400.
# An unknown format= with a query is a 406; with no query a GET is the editor page whatever format= says,
# so negative_data_rejection cannot hold there either.
NOT_CHECKED = {"/sparql": [positive_data_acceptance, negative_data_rejection]}
CONFIG = {
    "phases": {"examples": {"enabled": True}, "coverage": {"enabled": True}, "fuzzing": {"enabled": True},
               "stateful": {"enabled": False}},
    # an over-long value is rightly a 413 (SPARQL query), 414 (URL) or 431 (headers), not only a 400
    "checks": {"negative_data_rejection": {"expected-statuses": [400, 404, 405, 406, 413, 414, 415, 431]}},
}
RAN: Counter = Counter()
# a SPARQL query sent as the body (SPARQL 1.1 Protocol) is plain text
schemathesis.serializer.alias("application/sparql-query", "text/plain")


# The last test reads what the cases counted in this process: under pytest-xdist the module runs on one worker.
pytestmark = pytest.mark.xdist_group("contract")
TEST_CONFIG = {"TESTING": True, "ENCODER": "hashing"}
# The document is built from the settings alone, so it is there at collection; the app is built once, at run time.
schema = schemathesis.openapi.from_dict(document({**defaults(), **TEST_CONFIG}),
                                        config=SchemathesisConfig.from_dict(CONFIG))


@pytest.fixture(scope="module")
def contract_app(hashing_build_dir):
    """The app over the bundled report with the small hashing encoder (fast, no torch)."""
    app = create_app({**TEST_CONFIG, "BUILD_DIR": hashing_build_dir})
    yield app
    app.extensions["kgqa"].close()


def test_the_app_serves_the_document_under_test(contract_app):
    served = contract_app.test_client().get("/api/openapi.json").get_json()
    assert served == document(contract_app.config) == schema.raw_schema


@schema.parametrize()
@settings(max_examples=25, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_contract(case, contract_app):
    RAN[case.operation.label] += 1
    case.call_and_validate(app=contract_app, checks=CHECKS, excluded_checks=NOT_CHECKED.get(case.operation.path, []))


def test_the_contract_ran_on_every_operation(request, capsys):
    """Runs after the cases (same module, so the same process under xdist's loadfile or loadgroup): every
    documented operation got cases; prints the figure. Fails, never skips, when the cases were selected but
    ran elsewhere."""
    if not any(item.originalname == "test_every_operation_keeps_its_contract" for item in request.session.items):
        pytest.skip("run with test_every_operation_keeps_its_contract")
    labels = {result.ok().label for result in schema.get_all_operations()}
    assert labels == set(RAN), labels ^ set(RAN)
    with capsys.disabled():
        print(f"\nschemathesis: {sum(RAN.values())} cases over {len(RAN)} operations")
