"""Specs written in Portuguese or Spanish (`analysis.plan.languages`): the language is recognised, the verbs of writes,
reads and state changes are read, the spec's own names for its things are matched, and collections are named the
way the language forms plurals.

Inline fixtures written for these tests.
"""

from __future__ import annotations

import textwrap

from analysis.parse import parse_spec
from analysis.plan import languages
from analysis.plan.design import build_plan
from analysis.plan.infer import infer_domain

PORTUGUESE = """
# Feature Specification: Biblioteca de receitas

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Cadastrar receita (Priority: P1)

Como cozinheiro, quero cadastrar uma receita com título e modo de preparo para não esquecer como a fiz.

**Acceptance Scenarios**:

1. **Given** que não há receitas, **When** o cozinheiro cria uma receita com título, **Then** a receita aparece na lista.

## Requirements *(mandatory)*

- **FR-001**: O sistema DEVE permitir que o cozinheiro crie uma receita com título obrigatório.
- **FR-002**: O sistema DEVE permitir listar as receitas cadastradas.
- **FR-003**: O sistema DEVE permitir que o cozinheiro atualize o título de uma receita existente.
- **FR-004**: O sistema DEVE permitir que um visitante, sem autenticação, consulte as avaliações de uma receita.
- **FR-005**: O sistema NÃO DEVE permitir excluir receitas nesta versão.

### Key Entities

- **Recipe**: Representa uma receita guardada pelo cozinheiro, com título e modo de preparo.
- **Avaliação**: Nota dada por um visitante a uma receita, com comentário opcional.
"""

SPANISH = """
# Feature Specification: Reservas

## Requirements *(mandatory)*

- **FR-001**: El sistema DEBE permitir que el cliente cree una sesión de entrenamiento con fecha y hora.
- **FR-002**: El cliente puede cancelar su sesión y el sistema debe mostrar las sesiones de la semana.
- **FR-003**: El administrador puede eliminar una sesión cuando no tiene reservas.
- **FR-004**: El sistema debe enviar un correo al cliente cuando una sesión se cancela por el administrador.

### Key Entities

- **Sesión**: un horario de entrenamiento que un cliente reserva, con fecha, hora y estado (programada, cancelada).
"""


def plan_of(body: str):
    return build_plan(parse_spec(textwrap.dedent(body).lstrip("\n"), "specs/001-x/spec.md"))


def route_keys(body: str) -> set[str]:
    return {f"{r.method} {r.path}" for r in plan_of(body).routes}


def test_the_language_is_told_from_its_function_words() -> None:
    assert languages.language(textwrap.dedent(PORTUGUESE)) == "pt"
    assert languages.language(textwrap.dedent(SPANISH)) == "es"
    english = "The system MUST let the user create a task with a title. " * 10 + " que "
    assert languages.language(english) is None
    assert languages.language("O sistema que de") is None  # too little to tell


def test_verbs_and_function_words_are_read_every_other_word_kept() -> None:
    assert languages.translate("O sistema DEVE permitir que o cozinheiro crie uma receita", "pt") == \
        "The system MUST allow the cozinheiro to create a receita"
    assert languages.translate("El cliente puede eliminar su sesión", "es") == "The cliente can delete their sesión"
    # `publicar` -> `publique`: the spelling that keeps the sound before `e`
    assert languages.translate("permitir que um usuário publique uma opinião", "pt") == "allow a usuário to publish a opinião"
    # an adjective that looks like a verb form stays as written
    assert languages.translate("uma conta ativa", "pt") == "a conta ativa"


def test_a_definition_names_its_entity_in_the_specs_language() -> None:
    assert languages.local_name("Representa uma receita guardada pelo cozinheiro", "pt") == "receita"
    assert languages.local_name("Representa o registro de processamento gerado", "pt") == "registro de processamento"
    assert languages.local_name("un horario de entrenamiento", "es") == "horario de entrenamiento"


def test_plurals_the_way_the_language_forms_them() -> None:
    assert languages.plural("opinião", "pt") == "opiniões"
    assert languages.plural("pessoal", "pt") == "pessoais"
    assert languages.plural("receita", "pt") == "receitas"
    assert languages.plural("sesión", "es") == "sesiones"
    assert languages.plural("orden", "es") == "ordenes"
    assert languages.plural("luz", "es") == "luces"


def test_a_portuguese_spec_asks_for_the_operations_it_names() -> None:
    found = route_keys(PORTUGUESE)
    assert {"POST /api/recipes", "GET /api/recipes", "PUT /api/recipes/{recipe_id}"} <= found
    assert not any(key.startswith("DELETE /api/recipes") for key in found)  # "NÃO DEVE permitir excluir"
    # an entity named in Portuguese is listed under its Portuguese plural, without accents
    assert any(key.startswith("GET /api/avaliacoes") or "/avaliacoes" in key for key in found)


def test_a_portuguese_entity_is_matched_under_its_local_names() -> None:
    domain = infer_domain(parse_spec(textwrap.dedent(PORTUGUESE).lstrip("\n"), "specs/001-x/spec.md"))
    recipe = next(e for e in domain.entities if e.name == "Recipe")
    assert "receita" in recipe.aliases and "receitas" in recipe.plurals
    rating = next(e for e in domain.entities if e.name == "Avaliacao")
    assert rating.plural_name == "avaliações" and "avaliacoes" in rating.aliases


def test_a_spanish_spec_asks_for_its_operations_and_states() -> None:
    found = route_keys(SPANISH)
    assert "POST /api/sesiones" in found
    assert "DELETE /api/sesiones/{sesion_id}" in found
    assert "POST /api/sesiones/{sesion_id}/cancel" in found


def test_traceability_quotes_the_spec_as_written() -> None:
    plan = plan_of(PORTUGUESE)
    row = next(r for r in plan.traceability if r.spec_id == "FR-001")
    assert "crie uma receita" in row.text


def test_an_english_spec_is_not_translated() -> None:
    body = """
    # Feature Specification: Notes

    ## Requirements

    - **FR-001**: Users MUST be able to create a memo and delete it; a memo de-duplicates tags que users add.

    ### Key Entities

    - **Memo**: a short text a user writes.
    """
    found = route_keys(body)
    assert "POST /api/memos" in found and "DELETE /api/memos/{memo_id}" in found


# ----------------------------------------------------------------------------- any mix of this wording

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.spec_strategies import plans_hold_up, spec_lines  # noqa: E402

_WORDS = ["o", "a", "uma", "as", "opiniões", "opinião", "receitas", "receita", "sistema", "DEVE", "permitir", "que",
          "crie", "publique", "atualize", "exclua", "listar", "consulte", "sem autenticação", "não", "de", "com",
          "El", "usuario", "puede", "eliminar", "sesiones", "sesión", "cancelar", "debe", "cree", "y",
          "cancel it", "delete them", "allow invoice deletion", "support soft deletion of", "checkout",
          "order history", "detail view", "filter", "by", "tag", "add products to a shopping cart", "has a status of",
          "pending, accepted, or expired", "the title of an existing", ".", ";", ","]
_DEFINITIONS = ["### Key Entities", "- **Recipe**: Representa uma receita com título.",
                "- **Opinião**: registro público criado por um usuário.", "- **Sesión**: un horario de entrenamiento.",
                "- **Shopping Cart**: a temporary collection of products.", "- **Product**: an item with a price.",
                "- **Order**: a purchase.", "- **Tag**: a label. Related to Product via many-to-many relationship "
                "(ProductTag junction table).", "- **Invitation**: an offer; has a status of pending or accepted.",
                "### Student", "- **Date of Birth** (date, required)", "- **Gender** (enumerated: Male, Female)"]
_LINES = spec_lines(_WORDS, _DEFINITIONS + ["## Requirements", "## User Scenarios & Testing", ""])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES)
def test_this_wording_in_any_mix_always_plans(lines):
    domain, plan = plans_hold_up("# Feature Specification: X\n\n" + "\n".join(lines))
    for entity in domain.entities:
        assert not any("\u00c0" <= c <= "\u024f" for c in entity.name)  # names in code carry no accents
        assert set(entity.plurals) <= set(entity.aliases)
    for route in plan.routes:
        assert route.path.isascii()
    for lang in ("pt", "es", "id"):
        assert isinstance(languages.translate(" ".join(lines), lang), str)


INDONESIAN = """
# Feature Specification: Acara

## Requirements *(mandatory)*

- **FR-001**: Sistem HARUS menyediakan kemampuan bagi admin untuk membuat acara publik baru dengan judul dan tanggal.
- **FR-002**: Sistem HARUS mengizinkan admin untuk mengedit informasi acara yang sudah ada.
- **FR-003**: Sistem HARUS memungkinkan pengguna untuk melihat daftar acara dan detail acara.
- **FR-004**: Pengguna TIDAK BOLEH menghapus acara yang dibuat oleh admin.

### Key Entities

- **Event**: Merepresentasikan satu acara publik yang dapat dilihat pengguna, dengan judul dan tanggal.
"""


def test_an_indonesian_spec_asks_for_the_operations_it_names() -> None:
    assert languages.language(textwrap.dedent(INDONESIAN)) == "id"
    assert languages.translate("Sistem HARUS menyediakan kemampuan bagi admin untuk membuat acara", "id") == \
        "System MUST allow admin to create acara"
    assert languages.local_name("Merepresentasikan satu acara publik", "id") == "acara"
    assert languages.plural("acara", "id") == "acara"
    found = route_keys(INDONESIAN)
    assert {"POST /api/events", "PUT /api/events/{event_id}", "GET /api/events"} <= found
    assert not any(key.startswith("DELETE") for key in found)


TASKS_IN_PORTUGUESE = """
# Feature Specification: Tarefas

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Organizar tarefas (Priority: P1)

Como usuário, quero registrar as minhas tarefas do dia para não esquecer o que devo fazer. Quando concluo uma
tarefa, ela deve aparecer como concluída na lista, e também posso voltar a ela até o fim da semana. A lista de
tarefas mostra o título de cada tarefa e a data de criação de cada uma.

## Requirements *(mandatory)*

- **FR-001**: O sistema DEVE permitir que o usuário crie uma tarefa com título obrigatório e descrição opcional.
- **FR-002**: O sistema DEVE permitir listar as tarefas do usuário.

### Key Entities

- **Task**: Representa uma tarefa gerenciada pelo usuário. Possui identificador, título obrigatório, descrição
  opcional, prioridade e status. Status permitidos nesta feature: Pending e Completed.
- **Label**: Uma etiqueta que o usuário cria. Possui nome, cor e a tarefa.
"""


def test_a_portuguese_definition_lists_its_columns_and_names_no_column_by_two_joined_words() -> None:
    domain = infer_domain(parse_spec(textwrap.dedent(TASKS_IN_PORTUGUESE).lstrip("\n"), "specs/001-x/spec.md"))
    task = next(e for e in domain.entities if e.name == "Task")
    columns = {a.name: a for a in task.attributes}
    assert columns["title"].required and columns["description"].type == "text" and not columns["description"].required
    assert {"priority", "status"} <= set(columns)
    assert "pending_e_completed" not in columns and "identificador" not in columns
    label = next(e for e in domain.entities if e.name == "Label")
    assert "name" in {a.name for a in label.attributes}
    assert ("Task", "task_id") in {(r.target, r.field) for r in label.relationships if r.kind == "belongs-to"}
    assert any("cor" in note for note in domain.notes)  # not known: reported, not guessed


def test_spanish_columns_come_from_the_same_lexicon() -> None:
    found, unknown = languages.columns("Un producto a la venta. Tiene nombre, precio y una descripción opcional.")
    assert [(name, kind, required) for name, kind, required, _words in found] == [
        ("name", "str", True), ("price", "Decimal", True), ("description", "text", False)]
    assert unknown == []


def test_a_portuguese_spec_signs_up_and_in_and_lets_visitors_read_without_it() -> None:
    plan = plan_of(PORTUGUESE.replace(
        "- **FR-005**:",
        "- **FR-006**: O sistema DEVE exigir que um visitante crie uma conta e autentique-se com e-mail e senha antes de "
        "criar receitas.\n- **FR-005**:"))
    auth = {f"{r.method} {r.path}": r.auth for r in plan.routes}
    assert auth["POST /api/auth/register"] == "public"
    assert auth["POST /api/auth/login"] == "public"
    # FR-004: "um visitante, sem autenticação, consulte as avaliações": read without an account.
    assert any(key.startswith("GET") and "avaliacoes" in key and value == "public" for key, value in auth.items())
    # "Create Container" is no account ("conta" is only a whole word).
    english = plan_of("""
    # Feature Specification: Racks

    ## Requirements

    - **FR-001**: Users MUST be able to create containers with a label, after clicking "Create Container".

    ### Key Entities

    - **Container**: a box with a label.
    """)
    assert not any(r.path.startswith("/api/auth/") for r in english.routes)


def test_a_japanese_name_ending_in_a_generic_word_is_called_by_its_stem():
    from tests.plan_helpers import plan_of, route_keys

    body = """
        ## Requirements

        - **FR-001**: ユーザーは品目と数量を入力して在庫を登録できなければならない
        - **FR-002**: ユーザーは在庫一覧を閲覧できなければならない

        ### Key Entities

        - **在庫アイテム（InventoryItem）**: 品目名、数量を持つ
        """
    assert {"POST /api/inventory-items", "GET /api/inventory-items"} <= route_keys(plan_of(body, "在庫管理"))


KOREAN_WITH_ENGLISH_NAMES = """
    ## Requirements

    - **FR-001**: System MUST 책 ID로 상세 정보를 조회할 수 있어야 한다 (제목, 저자 포함)
    - **FR-002**: System MUST 책 목록을 페이지 단위로 조회할 수 있어야 한다
    - **FR-003**: System MUST 작가 목록을 조회할 수 있어야 한다

    ### Key Entities

    - **Book (대여 도서 책)**: 도서관이 빌려주는 책. 제목, 저자를 가짐.
    - **Author (작가)**: 책을 쓴 사람. 이름을 가짐.
    """


def test_a_korean_name_in_brackets_beside_an_english_one_is_read_in_the_prose():
    from tests.plan_helpers import plan_of, route_keys

    keys = route_keys(plan_of(KOREAN_WITH_ENGLISH_NAMES, "도서관"))
    # "책 ID로 상세 정보를 조회": one book by its key; "책 목록을 조회": the list; the English name has one word, so
    # the last word of "대여 도서 책" is the book's short name
    assert {"GET /api/books/{book_id}", "GET /api/books", "GET /api/authors"} <= keys
