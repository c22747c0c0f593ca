"""Columns from Key Entities written in Japanese, Korean and Chinese (`analysis.plan.infer_lexicon`): common column
words become English field names with types and limits, a modelled category becomes a link, and unknown words are
reported in the domain notes instead of being guessed. Inline fixtures written for these tests.
"""

from __future__ import annotations

import textwrap

from hypothesis import given, strategies as st

from analysis.parse import parse_spec
from analysis.plan.infer import infer_domain
from analysis.plan.infer_lexicon import cjk_fields
from analysis.plan.model import DomainModel


def domain(body: str) -> DomainModel:
    return infer_domain(parse_spec(textwrap.dedent(body).lstrip("\n"), "specs/001-x/spec.md"))


def test_japanese_list_gives_typed_columns_and_a_link_to_a_modelled_category():
    model = domain("""
        # 機能仕様: 書棚

        ### Key Entities

        - **本（Book）**: 書名、数量（正の整数）、カテゴリ、購入日、返却期限日（任意）、貸出フラグを持つ
        - **カテゴリ（Category）**: 本を分類するラベル。
        """)
    book = next(e for e in model.entities if e.name == "Book")
    columns = {a.name: a for a in book.attributes}
    assert columns["name"].type == "str"
    assert columns["quantity"].type == "int" and "> 0" in columns["quantity"].constraints
    assert columns["purchase_date"].type == "date"
    assert columns["expiry_date"].type == "date" and not columns["expiry_date"].required
    assert ("Category", "category_id") in {(r.target, r.field) for r in book.relationships}
    assert "category" not in columns
    assert any("貸出フラグ" in note for note in model.notes)  # not guessed: reported


def test_japanese_pair_joined_by_to():
    fields, unknown = cjk_fields("メモの一覧。タイトルと本文を持つ")
    assert [(f.name, f.type) for f in fields] == [("title", "str"), ("content", "text")] and unknown == []


def test_korean_and_chinese_lists():
    korean, _ = cjk_fields("제목, 내용, 작성자, 조회수")
    assert [f.name for f in korean] == ["title", "content", "author", "view_count"]
    chinese, _ = cjk_fields("标题、内容、价格和创建时间")
    assert [(f.name, f.type) for f in chinese] == [("title", "str"), ("content", "text"), ("price", "Decimal"),
                                                   ("created_at", "datetime")]


def test_identifiers_a_cjk_list_gives_are_the_columns_names():
    fields, _ = cjk_fields("客戶提出的問題，包含 title/category/status、assignee、is_internal 與關閉時間")
    assert [(f.name, f.type) for f in fields][:5] == [("title", "str"), ("category", "str"), ("status", "str"),
                                                      ("assignee", "str"), ("is_internal", "bool")]
    assert cjk_fields("包含 Customer Service 流程、關閉時間") == ([], ["關閉時間"])  # prose in Latin letters is no identifier


def test_a_description_sentence_and_latin_identifiers_are_left_to_other_rules():
    assert cjk_fields("在庫アイテムを分類するラベル。") == ([], [])
    assert cjk_fields("회원 정보 (email, password, name)") == ([], [])


@given(st.text(max_size=200))
def test_never_raises_and_names_are_identifiers(text):
    fields, unknown = cjk_fields(text)
    assert all(f.name.isidentifier() for f in fields)
    assert all(isinstance(word, str) and word for word in unknown)


def test_account_flows_named_in_cjk_requirements():
    from analysis.plan.infer_lexicon import cjk_auth_flows

    assert cjk_auth_flows("系統 MUST 提供 Email + Password 的註冊與登入。") == ["register", "login"]
    assert cjk_auth_flows("ユーザーはログアウトできる") == ["logout"]
    assert cjk_auth_flows("退出登录后清除令牌") == ["logout"]
    assert cjk_auth_flows("目錄頁面") == []


def test_a_chinese_requirement_to_sign_in_plans_the_login_route():
    from analysis.plan.design import build_plan

    document = parse_spec(textwrap.dedent("""
        # 功能規格: 請假

        ## Requirements

        - **FR-001**: 系統 MUST 允許使用 Email + 密碼登入，並維持登入狀態。
        - **FR-002**: 系統 MUST 允許員工建立請假申請。

        ### Key Entities

        - **User**: 具備 email、name、role。
        """).lstrip("\\n"), "specs/001-x/spec.md")
    assert "POST /api/auth/login" in {f"{r.method} {r.path}" for r in build_plan(document).routes}


def test_a_flow_word_that_only_qualifies_another_names_no_flow():
    from analysis.plan.infer_lexicon import cjk_auth_flows

    assert cjk_auth_flows("显示注册时间（格式：YYYY-MM-DD）") == []
    assert cjk_auth_flows("退出后跳转到登录页") == []
    assert cjk_auth_flows("提供退出登录入口") == ["logout"]


def test_identifiers_in_code_marks_are_the_columns_of_a_definition_in_another_language():
    model = domain("""
        # Spesifikasi Fitur: Acara

        Admin dapat membuat, mengubah, dan menghapus acara publik; pengguna dapat melihat daftar acara publik
        dengan halaman, dan setiap acara menampilkan apakah pendaftaran masih dibuka atau sudah ditutup. Acara yang
        tanggalnya sudah lewat tidak lagi muncul di daftar untuk pengguna biasa, tetapi tetap dapat dikelola oleh
        admin untuk keperluan audit. Kuota peserta tidak boleh lebih kecil daripada jumlah peserta yang sudah
        terdaftar, dan batas pendaftaran tidak boleh lebih besar daripada tanggal acara itu sendiri.

        ## Requirements

        - **FR-001**: Sistem HARUS menyediakan daftar acara dengan `title` dan `date`.

        ### Key Entities

        - **Event**: Merepresentasikan satu kegiatan publik. Atribut kunci meliputi identifier unik, `title`, `date`, `quota`.
        - **Registration**: Menyimpan referensi ke `Event` dan ke identitas peserta.
        """)
    by_name = {e.name: e for e in model.entities}
    assert [a.name for a in by_name["Event"].attributes][:3] == ["title", "date", "quota"]
    assert ("belongs-to", "Event") in [(r.kind, r.target) for r in by_name["Registration"].relationships]


# ----------------------------------------------------------------------------- operations in CJK requirements

from analysis.plan.design import build_plan  # noqa: E402
from analysis.plan.infer_lexicon import cjk_operations  # noqa: E402


def test_writes_and_lists_are_read_after_the_name_in_japanese_and_korean_and_before_it_in_chinese():
    names = {"本": "Book", "図书": "Book", "책": "Book"}
    assert cjk_operations("ユーザーは新しい本を登録できること", names) == [("create", "Book", 8)]
    assert cjk_operations("本のタイトルを変更できる", names) == [("update", "Book", 0)]
    assert cjk_operations("本一覧を表示すること", names) == [("list", "Book", 0)]
    assert cjk_operations("사용자는 책을 삭제할 수 있다", names) == [("delete", "Book", 5)]
    assert cjk_operations("用户可以新增一个图书", {"图书": "Book"}) == [("create", "Book", 8)]
    assert cjk_operations("读者可以查看图书列表", {"图书": "Book"})[0][0] == "list"


def test_setting_something_on_a_thing_or_changing_a_part_of_it_to_a_value_updates_it():
    names = {"本": "Book", "책": "Book"}
    assert cjk_operations("本に返却期限を設定できること", names) == [("update", "Book", 0)]
    assert cjk_operations("本の状態を「貸出中」「返却済み」のいずれかに変更できること", names) == [("update", "Book", 0)]
    assert cjk_operations("책에 반납일을 설정할 수 있다", names) == [("update", "Book", 0)]
    # A verb after `、` belongs to another clause: the book is listed, not made.
    assert cjk_operations("本の一覧を表示し、ユーザーを作成する", names) == [("list", "Book", 0)]


def test_a_refused_operation_is_not_asked_for():
    names = {"本": "Book", "책": "Book", "图书": "Book"}
    assert cjk_operations("ユーザーは本を削除できない", names) == []
    assert cjk_operations("사용자는 책을 삭제할 수 없다", names) == []
    assert cjk_operations("读者不能删除图书", {"图书": "Book"}) == []


def test_a_japanese_spec_plans_the_routes_it_asks_for():
    plan = build_plan(parse_spec(textwrap.dedent("""
        # 機能仕様: 書棚

        ## Requirements

        - **FR-001**: システムは、ユーザーが新しい本を登録できること
        - **FR-002**: システムは、本一覧を表示すること
        - **FR-003**: システムは、本の貸出状態を変更できること
        - **FR-004**: ユーザーは本を削除できないこと

        ### Key Entities

        - **本（Book）**: 書名、数量（正の整数）、購入日を持つ
        """).lstrip("\\n"), "specs/001-x/spec.md"))
    found = {f"{r.method} {r.path}" for r in plan.routes}
    assert {"POST /api/books", "GET /api/books", "PUT /api/books/{book_id}"} <= found
    assert not any(key.startswith("DELETE") for key in found)


def test_a_traditional_chinese_list_gives_columns_and_links_to_the_entities_it_names():
    model = domain("""
        # 功能規格: 請假

        ### Key Entities

        - **員工（Employee）**: 具備姓名、電子郵件、部門、角色。
        - **部門（Department）**: 組織單位。
        - **假別（Leave Type）**: 公司設定的假別。
        - **請假申請（Leave Request）**: 包含假別、原因、狀態與備註。
        """)
    employee = next(e for e in model.entities if e.name == "Employee")
    request = next(e for e in model.entities if e.name == "LeaveRequest")
    assert {"name", "email", "role"} <= {a.name for a in employee.attributes}
    assert ("Department", "department_id") in {(r.target, r.field) for r in employee.relationships}
    assert {"reason", "status", "notes"} <= {a.name for a in request.attributes}
    assert ("LeaveType", "leave_type_id") in {(r.target, r.field) for r in request.relationships}
    # an entity's name is a link, not an unknown word
    assert not any("部門" in note or "假別" in note for note in model.notes)


def test_the_specs_own_words_for_an_entity_name_it_in_prose():
    model = domain("""
        # 機能仕様: タスク

        ### Key Entities

        - **ユーザー（User）**: メールアドレス、パスワードを持つ。
        - **タスク（Task）**: タスク名、説明、優先順位、終了期限を持つ。1人のユーザーに属する。
        """)
    task = next(e for e in model.entities if e.name == "Task")
    columns = {a.name: a for a in task.attributes}
    assert columns["priority"].type == "str" and columns["due_date"].type == "date"
    assert "User" in {r.target for r in task.relationships if r.kind == "belongs-to"}
