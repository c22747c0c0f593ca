"""Specs written in Portuguese, Spanish or Indonesian: enough of the language for the plan designer to read what
people do.

The designer reads English: who may do what to which thing ("Users MUST be able to create tasks"). A spec in
Portuguese, Spanish or Indonesian says the same with its own verbs, modals and articles ("O sistema MUST permitir
criar uma tarefa", "El usuario puede eliminar una orden", "Sistem HARUS mengizinkan admin untuk menghapus event"). `translate` rewrites the function words and the verbs of writes,
reads and state changes into the English the designer reads, word for word, and leaves every other word (the
things the spec names) as it is. `local_name` reads the word a definition uses for its entity (`**Task**: Representa
uma tarefa`), and `plural` forms a collection's name the way the language does (`opinião` -> `opiniões`).

A small fixed lexicon, not a translator: it says what it could read and leaves the rest. Pure functions.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words only one of the two languages uses often; a sample with enough of them is in that language.
_PORTUGUESE_WORDS = frozenset({"não", "uma", "com", "os", "ao", "do", "da", "dos", "das", "em", "no", "na", "são", "deve",
                               "devem", "pode", "podem", "usuário", "usuários", "quando", "então", "também", "já", "até",
                               "sistema", "ser", "pelo", "pela", "seu", "sua", "você", "isso", "este", "esta", "nenhum"})
_SPANISH_WORDS = frozenset({"el", "la", "los", "las", "una", "con", "del", "en", "es", "son", "debe", "deben", "puede",
                            "pueden", "usuario", "usuarios", "cuando", "entonces", "también", "ya", "hasta", "sistema",
                            "ser", "por", "su", "sus", "este", "esta", "ningún", "y", "pero"})
_INDONESIAN_WORDS = frozenset({"yang", "dan", "untuk", "dengan", "dari", "dalam", "ini", "itu", "tidak", "harus",
                               "dapat", "sistem", "pengguna", "akan", "pada", "sebagai", "atau", "jika", "setiap",
                               "bagi", "oleh", "sudah", "belum", "ke", "di", "adalah", "juga", "tersebut", "telah"})
_SHARED = _PORTUGUESE_WORDS & _SPANISH_WORDS
_ONLY_PORTUGUESE = _PORTUGUESE_WORDS - _SHARED
_ONLY_SPANISH = _SPANISH_WORDS - _SHARED
_ENGLISH_WORDS = frozenset({"the", "and", "of", "to", "is", "with", "for", "when", "must", "be", "that", "an", "or",
                            "can", "user", "users", "should", "will", "each", "their"})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def language(text: str) -> str | None:
    """`pt`, `es`, `id` or None: whether a sample of prose is Portuguese, Spanish or Indonesian rather than English
    (or none of them)."""
    sample = text[:8000]
    if (" que " not in sample or sample.count(" de ") < 3) and (" yang " not in sample or " dan " not in sample):
        return None  # these languages use these words all the time; English hardly ever
    return _language(sample)


@lru_cache(maxsize=64)
def _language(sample: str) -> str | None:
    words = [word.casefold() for word in _WORD.findall(sample)]
    if len(words) < 30:
        return None
    english = sum(word in _ENGLISH_WORDS for word in words)
    portuguese = sum(word in _ONLY_PORTUGUESE for word in words)
    spanish = sum(word in _ONLY_SPANISH for word in words)
    indonesian = sum(word in _INDONESIAN_WORDS for word in words)
    best, count = max((("pt", portuguese), ("es", spanish), ("id", indonesian)), key=lambda pair: pair[1])
    if count < 8 or count < 1.5 * english:
        return None
    return best


# (English verb, its past participle, Portuguese infinitives, Spanish infinitives)
_VERBS = (
    ("create", "created", ("criar", "cadastrar"), ("crear",)),
    ("add", "added", ("adicionar", "incluir", "inserir"), ("agregar", "añadir", "insertar")),
    ("register", "registered", ("registrar",), ("registrar",)),
    ("record", "recorded", ("gravar",), ("grabar",)),
    ("list", "listed", ("listar",), ("listar",)),
    ("view", "viewed", ("visualizar",), ("visualizar",)),
    ("see", "seen", ("ver",), ("ver",)),
    ("search", "searched", ("pesquisar", "buscar"), ("buscar",)),
    ("display", "displayed", ("exibir",), ("mostrar",)),
    ("show", "shown", ("mostrar",), ()),
    ("retrieve", "retrieved", ("consultar", "recuperar", "obter"), ("consultar", "recuperar", "obtener")),
    ("filter", "filtered", ("filtrar",), ("filtrar",)),
    ("sort", "sorted", ("ordenar",), ("ordenar",)),
    ("update", "updated", ("atualizar",), ("actualizar",)),
    ("edit", "edited", ("editar",), ("editar",)),
    ("modify", "modified", ("modificar",), ("modificar",)),
    ("change", "changed", ("alterar", "mudar", "trocar"), ("cambiar",)),
    ("delete", "deleted", ("excluir", "deletar", "apagar"), ("eliminar", "borrar")),
    ("remove", "removed", ("remover",), ("quitar", "remover")),
    ("complete", "completed", ("concluir", "completar", "finalizar"), ("completar", "finalizar")),
    ("cancel", "cancelled", ("cancelar",), ("cancelar",)),
    ("approve", "approved", ("aprovar",), ("aprobar",)),
    ("reject", "rejected", ("rejeitar", "recusar"), ("rechazar",)),
    ("archive", "archived", ("arquivar",), ("archivar",)),
    ("publish", "published", ("publicar",), ("publicar",)),
    ("submit", "submitted", ("submeter",), ("enviar",)),
    ("send", "sent", ("enviar",), ()),
    ("comment", "commented", ("comentar",), ("comentar",)),
    ("rate", "rated", ("avaliar",), ("calificar", "valorar")),
    ("vote", "voted", ("votar",), ("votar",)),
    ("assign", "assigned", ("atribuir",), ("asignar",)),
    ("export", "exported", ("exportar",), ("exportar",)),
    ("upload", "uploaded", (), ("subir",)),
    ("reopen", "reopened", ("reabrir",), ("reabrir",)),
    ("activate", "activated", ("ativar",), ("activar",)),
    ("deactivate", "deactivated", ("desativar",), ("desactivar",)),
    ("manage", "managed", ("gerenciar", "administrar"), ("gestionar", "administrar")),
)
_IRREGULAR = {
    "pt": {"ver": ("vê", "veem", "veja", "vejam", "vendo", "visto", "vista", "vistos", "vistas"),
           "obter": ("obtém", "obtêm", "obtenha", "obtenham", "obtendo", "obtido", "obtida", "obtidos", "obtidas")},
    "es": {"ver": ("ve", "ven", "vea", "vean", "viendo", "visto", "vista", "vistos", "vistas"),
           "obtener": ("obtiene", "obtienen", "obtenga", "obtengan", "obteniendo", "obtenido", "obtenida")},
}


def _conjugations(infinitive: str, lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(finite and infinitive forms, participles) of a regular verb: `criar` -> (criar, cria, criam, crie, criem,
    criando), (criado, criada, criados, criadas); `excluir` -> exclui, excluem, exclua, ..., excluído. No first
    person: specs say "quero criar", and `registro`, `arquivo`, `voto` are nouns."""
    stem, ending = infinitive[:-2], infinitive[-2:]
    third_plural, subjunctive_plural = ("m", "m") if lang == "pt" else ("n", "n")
    if ending == "ar":
        # `publicar` -> `publique`, `agregar` -> `agregue`, es `realizar` -> `realice` (the sound kept before `e`)
        soft = stem[:-1] + _SOFTENED[lang].get(stem[-1:], stem[-1:]) if stem else stem
        finite = (infinitive, stem + "a", stem + "a" + third_plural, soft + "e", soft + "e" + subjunctive_plural,
                  stem + "ando")
        participle = stem + "ad"
    else:
        third = stem + "i" if ending == "ir" and lang == "pt" and stem.endswith("u") else stem + "e"
        gerund = stem + ("indo" if ending == "ir" and lang == "pt" else "iendo" if lang == "es" else "endo")
        if lang == "es" and ending == "er":
            gerund = stem + "iendo"
        finite = (infinitive, third, stem + "e" + third_plural, stem + "a", stem + "a" + subjunctive_plural, gerund)
        participle = stem + ("íd" if lang == "pt" and stem.endswith("u") else "id")
    return finite, tuple(participle + suffix for suffix in ("o", "a", "os", "as"))


_SOFTENED = {"pt": {"c": "qu", "g": "gu", "ç": "c"}, "es": {"c": "qu", "g": "gu", "z": "c"}}


# Indonesian verbs do not conjugate; the active (`membuat`, create) and passive (`dibuat`, created) forms, with the
# English verb and participle they read as.
_INDONESIAN_VERBS = (
    ("create", "created", ("membuat", "menciptakan"), ("dibuat",)),
    ("add", "added", ("menambahkan", "menambah"), ("ditambahkan",)),
    ("register", "registered", ("mendaftarkan",), ("didaftarkan",)),
    ("view", "viewed", ("melihat",), ("dilihat",)),
    ("display", "displayed", ("menampilkan",), ("ditampilkan",)),
    ("retrieve", "retrieved", ("mengambil",), ("diambil",)),
    ("search", "searched", ("mencari",), ("dicari",)),
    ("filter", "filtered", ("memfilter", "menyaring"), ("difilter",)),
    ("sort", "sorted", ("mengurutkan",), ("diurutkan",)),
    ("edit", "edited", ("mengedit",), ("diedit",)),
    ("change", "changed", ("mengubah",), ("diubah",)),
    ("update", "updated", ("memperbarui",), ("diperbarui",)),
    ("delete", "deleted", ("menghapus",), ("dihapus",)),
    ("cancel", "cancelled", ("membatalkan",), ("dibatalkan",)),
    ("approve", "approved", ("menyetujui",), ("disetujui",)),
    ("reject", "rejected", ("menolak",), ("ditolak",)),
    ("export", "exported", ("mengekspor",), ("diekspor",)),
    ("upload", "uploaded", ("mengunggah",), ("diunggah",)),
    ("manage", "managed", ("mengelola",), ("dikelola",)),
    ("publish", "published", ("menerbitkan", "memublikasikan"), ("diterbitkan",)),
    ("complete", "completed", ("menyelesaikan",), ("diselesaikan",)),
)


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> dict[str, str]:
    words: dict[str, str] = {}
    if lang == "id":
        for english, participle, active, passive in _INDONESIAN_VERBS:
            words.update({form: english for form in active})
            words.update({form: participle for form in passive})
        words.update(_FUNCTION_WORDS[lang])
        return words
    for english, participle, portuguese, spanish in _VERBS:
        for infinitive in (portuguese if lang == "pt" else spanish):
            finite, participles = _conjugations(infinitive, lang)
            irregular = _IRREGULAR[lang].get(infinitive)
            if irregular:
                finite = (infinitive, *irregular[:5])
                participles = irregular[5:]
            for index, form in enumerate(finite):
                if form not in _NOUNS[lang]:
                    # the subjunctive follows `que`: `permitir que o usuário crie` -> `allow the usuário to create`
                    words.setdefault(form, f"to {english}" if index in (3, 4) and form != infinitive else english)
            for form in participles:
                words.setdefault(form, participle)
    words.update(_FUNCTION_WORDS[lang])
    return words


# Verb forms that are more often other words in a spec: `agendar uma consulta` (an appointment), `a busca` (the search box).
# Adjectives too: `uma conta ativa` (an active account), `una lista completa` (a full list).
_NOUNS = {"pt": frozenset({"consulta", "busca", "troca", "registra", "ativa", "completa"}),
          "es": frozenset({"consulta", "busca", "activa", "completa"})}

_FUNCTION_WORDS = {
    "pt": {"deve": "MUST", "devem": "MUST", "deverá": "MUST", "deverão": "MUST", "precisa": "MUST", "pode": "can",
           "podem": "can", "poderá": "can", "consegue": "can", "conseguem": "can", "permitir": "allow",
           "permite": "allows", "permitem": "allow", "permita": "allow", "quero": "want to", "deseja": "wants to",
           "desejam": "want to", "o": "the", "a": "the", "os": "the", "as": "the", "um": "a", "uma": "a", "uns": "some",
           "umas": "some", "de": "of", "do": "of the", "da": "of the", "dos": "of the", "das": "of the", "em": "in",
           "no": "in the", "na": "in the", "nos": "in the", "nas": "in the", "para": "for", "por": "by", "pelo": "by the",
           "pela": "by the", "com": "with", "e": "and", "ou": "or", "não": "not", "nunca": "never", "que": "",
           "seu": "their", "sua": "their", "seus": "their", "suas": "their", "cada": "each", "todos": "all",
           "todas": "all", "quando": "when", "se": "if", "sistema": "system", "próprio": "own", "própria": "own",
           "próprios": "own", "próprias": "own", "ao": "to the", "à": "to the", "sem": "without"},
    "es": {"debe": "MUST", "deben": "MUST", "deberá": "MUST", "deberán": "MUST", "necesita": "MUST", "puede": "can",
           "pueden": "can", "podrá": "can", "podrán": "can", "permitir": "allow", "permite": "allows",
           "permiten": "allow", "permita": "allow", "quiero": "want to", "desea": "wants to", "desean": "want to",
           "el": "the", "la": "the", "los": "the", "las": "the", "un": "a", "una": "a", "unos": "some", "unas": "some",
           "de": "of", "del": "of the", "en": "in", "para": "for", "por": "by", "con": "with", "y": "and", "o": "or",
           "no": "not", "nunca": "never", "que": "", "su": "their", "sus": "their", "cada": "each", "todos": "all",
           "todas": "all", "cuando": "when", "si": "if", "sistema": "system", "propio": "own", "propia": "own",
           "propios": "own", "propias": "own", "al": "to the", "sin": "without"},
    "id": {"harus": "MUST", "wajib": "MUST", "dapat": "can", "bisa": "can", "boleh": "can", "mengizinkan": "allow",
           "memungkinkan": "allow", "untuk": "to", "bagi": "for", "dan": "and", "atau": "or", "tidak": "not",
           "dengan": "with", "dari": "from", "di": "in", "ke": "to", "oleh": "by", "yang": "", "setiap": "each",
           "semua": "all", "sistem": "system", "jika": "if", "ketika": "when", "saat": "when", "milik": "own",
           "sendiri": "own", "tanpa": "without", "satu": "a", "sebuah": "a", "seorang": "a", "baru": "new"},
}
# Phrases read before the words: `menyediakan kemampuan bagi admin untuk membuat` (provide the ability for the admin
# to create) is `allow admin to create`.
_PHRASES = {
    "id": re.compile(r"\bmenyediakan\s+(?:kemampuan|cara|fitur|fasilitas)\s+(?:bagi|kepada|untuk)\b", re.IGNORECASE),
}


def translate(text: str, lang: str) -> str:
    """The function words and verbs of `text` in English, every other word as written: `O sistema MUST permitir
    criar uma tarefa` -> `The system MUST allow create a tarefa`."""
    words = _lexicon(lang)
    phrases = _PHRASES.get(lang)
    if phrases is not None:
        text = phrases.sub("mengizinkan", text)

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        english = words.get(word.casefold())
        if english is None:
            return word
        if word.isupper() and len(word) > 1 and english != "MUST":
            return english.upper()
        if word[:1].isupper():
            return english[:1].upper() + english[1:]
        return english

    return " ".join(_WORD.sub(replace, text).split())


# `Representa uma tarefa gerenciada`, `Es una orden de trabajo que`: the noun after the definition's article.
_DEFINITION_NOUN = {
    "id": re.compile(r"^(?:(?:merepresentasikan|mewakili|adalah|menggambarkan)\s+)?(?:satu|sebuah|seorang|suatu)\s+"
                     r"([^\W\d_]+)", re.IGNORECASE),
    "pt": re.compile(r"^(?:(?:representa|é|consiste em|descreve)\s+)?(?:um|uma|o|a)\s+([^\W\d_]+(?:\s+de\s+[^\W\d_]+)?)",
                     re.IGNORECASE),
    "es": re.compile(r"^(?:(?:representa|es|consiste en|describe)\s+)?(?:un|una|el|la)\s+([^\W\d_]+(?:\s+de\s+[^\W\d_]+)?)",
                     re.IGNORECASE),
}


def local_name(definition: str, lang: str) -> str | None:
    """The word a definition calls its entity by in the spec's language, lower case: `Representa uma tarefa
    gerenciada pelo usuário` -> `tarefa`; `Representa o registro de processamento gerado` -> `registro de
    processamento`."""
    match = _DEFINITION_NOUN[lang].match(definition.strip())
    if match is None:
        return None
    name = match.group(1).casefold()
    if name in _lexicon(lang):
        return None  # a verb or a function word (`é um registro` reads `registro`, not `de`)
    return name


def plural(word: str, lang: str) -> str:
    """`opinião` -> `opiniões`, `sesión` -> `sesiones`, `papel` -> `papéis`-like `papeis`, `orden` -> `órdenes`-like
    `ordenes`, `tarefa` -> `tarefas`: the plural of a noun (accents of the singular kept where the rule keeps them)."""
    lowered = word.casefold()
    if lang == "id":
        return word  # Indonesian marks no plural on the noun (a path keeps the spec's name as it is)
    if lang == "pt":
        if lowered.endswith("ão"):
            return word[:-2] + "ões"
        if lowered.endswith(("al", "el", "ol", "ul")):
            return word[:-1] + "is"
        if lowered.endswith(("r", "z", "s")) and not lowered.endswith(("as", "es", "os")):
            return word + "es"
        if lowered.endswith("m"):
            return word[:-1] + "ns"
        return word + "s"
    if lowered.endswith("ión"):
        return word[:-3] + "iones"
    if lowered.endswith("z"):
        return word[:-1] + "ces"
    if lowered[-1:] in "aeiouáéó":
        return word + "s"
    return word + "es"


# Common column words of Portuguese and Spanish definitions: (word, field name, type). Matched whole, after the
# articles and qualifiers of an item are taken off (`título obrigatório`, `una descripción opcional`).
_COLUMN_WORDS: dict[str, tuple[str, str]] = {
    "título": ("title", "str"), "titulo": ("title", "str"), "descrição": ("description", "text"),
    "descricao": ("description", "text"), "descripción": ("description", "text"), "descripcion": ("description", "text"),
    "nome": ("name", "str"), "nombre": ("name", "str"), "nome de exibição": ("display_name", "str"),
    "nombre para mostrar": ("display_name", "str"), "status": ("status", "str"), "estado": ("status", "str"),
    "preço": ("price", "Decimal"), "precio": ("price", "Decimal"), "quantidade": ("quantity", "int"),
    "cantidad": ("quantity", "int"), "data": ("date", "date"), "fecha": ("date", "date"),
    "data de criação": ("created_at", "datetime"), "fecha de creación": ("created_at", "datetime"),
    "data de vencimento": ("due_date", "date"), "fecha de vencimiento": ("due_date", "date"), "prazo": ("due_date", "date"),
    "e-mail": ("email", "EmailStr"), "email": ("email", "EmailStr"), "correo": ("email", "EmailStr"),
    "correo electrónico": ("email", "EmailStr"), "senha": ("password", "str"), "contraseña": ("password", "str"),
    "telefone": ("phone", "str"), "teléfono": ("phone", "str"), "endereço": ("address", "str"),
    "dirección": ("address", "str"), "categoria": ("category", "str"), "categoría": ("category", "str"),
    "observação": ("notes", "text"), "observações": ("notes", "text"), "observaciones": ("notes", "text"),
    "notas": ("notes", "text"), "tipo": ("type", "str"), "valor": ("amount", "Decimal"), "monto": ("amount", "Decimal"),
    "texto": ("text", "text"), "conteúdo": ("content", "text"), "contenido": ("content", "text"),
    "prioridade": ("priority", "str"), "prioridad": ("priority", "str"),
}
# What introduces a definition's columns: `Possui identificador, título obrigatório e status`, `Tiene nombre y precio`.
_COLUMNS_LEAD = re.compile(r"(?i)\b(?:possui|contém|contem|inclui|contendo|tiene|contiene|incluye|posee|cuenta con)\s+"
                           r"([^.;:]+)")
_LAST_JOINED = re.compile(r"\s+(?:e|y)\s+(?=[^,]+$)")
_ITEM_ARTICLE = re.compile(r"(?i)^(?:o|a|os|as|um|uma|el|la|los|las|un|una|seu|sua|su)\s+")
_REQUIRED = re.compile(r"(?i)\s+(?:obrigatóri[oa]|obligatori[oa])$")
_OPTIONAL = re.compile(r"(?i)\s+opcional$")
_IDENTIFIER_WORDS = frozenset({"identificador", "identificador único", "id"})


def columns(definition: str) -> tuple[list[tuple[str, str, bool, str]], list[str]]:
    """The columns a Portuguese or Spanish definition lists after `possui`/`tiene`: (name, type, required, words)
    for the words the lexicon knows, and the items it does not know (reported, never guessed). The identifier is
    the table's own key, left out."""
    found: list[tuple[str, str, bool, str]] = []
    unknown: list[str] = []
    for lead in _COLUMNS_LEAD.finditer(definition):
        items = [part for piece in lead.group(1).split(",") for part in _LAST_JOINED.split(piece.strip())]
        for raw in items:
            item = _ITEM_ARTICLE.sub("", raw.strip())
            required = not _OPTIONAL.search(item)
            word = _OPTIONAL.sub("", _REQUIRED.sub("", item)).strip().casefold()
            if not word or word in _IDENTIFIER_WORDS:
                continue
            known = _COLUMN_WORDS.get(word)
            if known is None:
                unknown.append(_OPTIONAL.sub("", _REQUIRED.sub("", item)).strip())
            elif all(name != known[0] for name, _type, _required, _words in found):
                found.append((known[0], known[1], required, raw.strip()))
    return found, unknown
