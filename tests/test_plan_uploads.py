"""Uploads: a create the spec words as an upload takes a multipart form with the file, states the limits the spec
gives (formats, size) as 415/413 errors and as a check of its service method, stores the file before the record is
written, and gives the uploaded thing the columns serving the file back needs when the spec names none.

Inline fixtures written for these tests.
"""

from __future__ import annotations

from openapi_spec_validator import validate

from analysis.plan.design_routes import upload_limits
from analysis.plan.openapi import build_openapi
from analysis.plan.render import render_plan
from tests.plan_helpers import plan_of

REPORTS = """
## Requirements

- **FR-001**: System MUST accept financial report uploads in PDF, HTML, and TXT formats up to 50MB per file.
- **FR-002**: Users MUST be able to upload documents.
- **FR-003**: Users MUST be able to create folders.

### Key Entities

- **Financial Report**: An uploaded filing of a company, with a title and a period.
- **Document**: A file a user stores, with a name, a file path and file metadata.
- **Folder**: A place for documents, with a name.
"""


def _route(plan, method: str, path: str):
    return next(r for r in plan.routes if r.method == method and r.path == path)


def test_an_upload_takes_the_file_in_a_form_with_the_limits_the_spec_states():
    plan = plan_of(REPORTS, "Reports")
    route = _route(plan, "POST", "/api/financial-reports")
    assert route.request[0].name == "file" and route.request[0].type == "file"
    assert route.request[0].constraints == ["PDF, HTML, TXT; at most 50 MB"]
    statuses = {e.status: e.error for e in route.errors}
    assert statuses[413] == "FileTooLargeError" and statuses[415] == "UnsupportedFileTypeError"
    assert route.purpose == "upload a Financial Report" and route.service_method.endswith(".upload_financial_report")
    # Without limits in its sentence: the file, and no 413/415.
    documents = _route(plan, "POST", "/api/documents")
    assert documents.request[0].type == "file" and not {413, 415} & {e.status for e in documents.errors}
    assert [p.name for p in documents.request] == ["file", "name"]  # its path is where storage put it, not asked for
    # A create that is no upload stays a JSON body.
    assert all(p.type != "file" for p in _route(plan, "POST", "/api/folders").request)


def test_an_upload_is_a_multipart_body_in_openapi_and_the_document_stays_valid():
    plan = plan_of(REPORTS, "Reports")
    document = build_openapi(plan)
    validate(document)
    body = document["paths"]["/api/financial-reports"]["post"]["requestBody"]["content"]
    assert list(body) == ["multipart/form-data"]
    assert body["multipart/form-data"]["schema"]["properties"]["file"]["contentMediaType"] == "application/octet-stream"
    assert list(document["paths"]["/api/folders"]["post"]["requestBody"]["content"]) == ["application/json"]
    assert "(`multipart/form-data`, an upload)" in render_plan(plan)


def test_the_service_checks_and_stores_the_file_before_writing_the_record():
    plan = plan_of(REPORTS, "Reports")
    method = next(m for s in plan.services for m in s.methods if m.name == "upload_financial_report")
    assert method.steps[:3] == ["checks the file (PDF, HTML, TXT; at most 50 MB)",
                                "stores the file in FileStorage and keeps its storage_key",
                                "creates the Financial Report record"]
    assert "stored before the record is written" in method.transaction
    assert not any(step.startswith("calls FileStorage") for step in method.steps)  # said once
    document = next(m for s in plan.services for m in s.methods if m.name == "upload_document")
    assert "stores the file in FileStorage and keeps its file_path" in document.steps  # the spec's own column


def test_an_uploaded_thing_without_file_columns_gets_them_as_an_assumption():
    plan = plan_of(REPORTS, "Reports")
    report = {f.name: f.type for f in next(m for m in plan.models if m.name == "FinancialReport").fields}
    assert {"file_name": "str", "content_type": "str", "size_bytes": "int", "storage_key": "str"}.items() <= report.items()
    document = {f.name for f in next(m for m in plan.models if m.name == "Document").fields}
    assert "storage_key" not in document  # it names its file path
    assert any("`FinancialReport`" in a and "storage key" in a for a in plan.assumptions)


def test_upload_limits_read_formats_and_size():
    assert upload_limits("resume uploads in PDF, DOCX, TXT, and MD formats with maximum file size of 3 MB") == \
        "PDF, DOCX, TXT, MD; at most 3 MB"
    assert upload_limits("photos (JPEG or PNG, up to 10 megabytes)") == "JPEG, PNG; at most 10 MB"
    assert upload_limits("upload documents") == ""


def test_files_the_system_accepts_in_named_formats_are_uploads():
    body = """
    ## Requirements

    - **FR-001**: System MUST accept invoice scans in PDF, JPG, and PNG formats.
    - **FR-002**: System MUST accept orders from registered customers.

    ### Key Entities

    - **Invoice Scan**: An uploaded invoice image with a file name and a processing status.
    - **Order**: A purchase with a total.
    """
    plan = plan_of(body, "Invoices")
    route = _route(plan, "POST", "/api/invoice-scans")
    assert route.request[0].type == "file" and route.request[0].constraints == ["PDF, JPG, PNG"]
    assert [p.name for p in route.request] == ["file"]  # its name comes with it; its processing sets the status
    # No formats named: what comes in is no file ("accept orders from customers" makes orders, as JSON).
    assert not any(p.type == "file" for r in plan.routes if r.path.startswith("/api/orders") for p in r.request)
