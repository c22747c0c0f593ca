"""Field names from Key Entities written in Japanese, Korean or Chinese: a small lexicon of the words specs use for
common columns (`品目名` -> `name`, `数量` -> `quantity`, `購入日` -> `purchase_date`, `제목` -> `title`, `价格` ->
`price`), so a spec whose body is not in English still gets the columns it names plainly.

Only whole list items are read (`品目名、数量（正の整数）、カテゴリ、購入日`), each matched by its longest known ending;
an item the lexicon does not know is returned as unnamed, never guessed, so the plan can say what it could not read.
Pure data and string work: no project dependencies beyond the field-phrase type.
"""

from __future__ import annotations

import re

from analysis.plan.infer_fields import FieldPhrase, infer_type, split_top_level

# Known words, longest first when matched as an ending: (word, field name, type).
_WORDS: tuple[tuple[str, str, str], ...] = (
    # Japanese
    ("賞味期限", "expiry_date", "date"), ("消費期限", "expiry_date", "date"), ("有効期限", "expiry_date", "date"),
    ("期限日", "expiry_date", "date"), ("購入日", "purchase_date", "date"), ("開始日", "start_date", "date"),
    ("終了日", "end_date", "date"), ("締め切り", "due_date", "date"), ("締切", "due_date", "date"),
    ("期日", "due_date", "date"), ("作成日時", "created_at", "datetime"), ("作成日", "created_at", "datetime"),
    ("更新日時", "updated_at", "datetime"), ("更新日", "updated_at", "datetime"), ("日付", "date", "date"),
    ("購入済みフラグ", "is_purchased", "bool"), ("購入済み", "is_purchased", "bool"),
    ("完了フラグ", "is_completed", "bool"), ("削除フラグ", "is_deleted", "bool"),
    ("メールアドレス", "email", "EmailStr"), ("メール", "email", "EmailStr"), ("パスワード", "password", "str"),
    ("電話番号", "phone", "str"), ("住所", "address", "str"), ("氏名", "name", "str"), ("名前", "name", "str"),
    ("名称", "name", "str"), ("名", "name", "str"), ("数量", "quantity", "int"), ("個数", "quantity", "int"),
    ("価格", "price", "Decimal"), ("値段", "price", "Decimal"), ("金額", "amount", "Decimal"),
    ("カテゴリー", "category", "str"), ("カテゴリ", "category", "str"), ("分類", "category", "str"),
    ("備考", "notes", "text"), ("メモ", "notes", "text"), ("説明", "description", "text"),
    ("タイトル", "title", "str"), ("件名", "title", "str"), ("題名", "title", "str"), ("本文", "content", "text"),
    ("内容", "content", "text"), ("ステータス", "status", "str"), ("状態", "status", "str"),
    ("優先度", "priority", "str"), ("画像", "image_url", "HttpUrl"), ("担当者", "assignee", "str"),
    ("作成者", "created_by", "str"), ("優先順位", "priority", "str"), ("終了期限", "due_date", "date"),
    ("期限", "due_date", "date"), ("登録日時", "created_at", "datetime"), ("登録日", "created_at", "datetime"),
    ("理由", "reason", "text"), ("添付ファイル", "attachment_url", "HttpUrl"), ("役割", "role", "str"),
    # Korean
    ("비밀번호", "password", "str"), ("전화번호", "phone", "str"), ("이메일", "email", "EmailStr"),
    ("이름", "name", "str"), ("제목", "title", "str"), ("내용", "content", "text"), ("본문", "content", "text"),
    ("설명", "description", "text"), ("수량", "quantity", "int"), ("가격", "price", "Decimal"),
    ("금액", "amount", "Decimal"), ("날짜", "date", "date"), ("주소", "address", "str"), ("상태", "status", "str"),
    ("카테고리", "category", "str"), ("분류", "category", "str"), ("작성자", "author", "str"),
    ("조회수", "view_count", "int"), ("생성일", "created_at", "datetime"), ("작성일", "created_at", "datetime"),
    ("수정일", "updated_at", "datetime"), ("메모", "notes", "text"), ("우선순위", "priority", "str"),
    ("마감일", "due_date", "date"),
    # Chinese
    ("电子邮件", "email", "EmailStr"), ("邮箱", "email", "EmailStr"), ("密码", "password", "str"),
    ("手机号", "phone", "str"), ("电话", "phone", "str"), ("姓名", "name", "str"), ("名称", "name", "str"),
    ("名字", "name", "str"), ("标题", "title", "str"), ("正文", "content", "text"), ("描述", "description", "text"),
    ("说明", "description", "text"), ("数量", "quantity", "int"), ("价格", "price", "Decimal"),
    ("金额", "amount", "Decimal"), ("截止日期", "due_date", "date"), ("日期", "date", "date"),
    ("地址", "address", "str"), ("状态", "status", "str"), ("类别", "category", "str"), ("作者", "author", "str"),
    ("创建时间", "created_at", "datetime"), ("更新时间", "updated_at", "datetime"), ("备注", "notes", "text"),
    ("优先级", "priority", "str"), ("原因", "reason", "text"), ("角色", "role", "str"), ("附件", "attachment_url", "HttpUrl"),
    # Chinese, traditional characters
    ("電子郵件", "email", "EmailStr"), ("密碼", "password", "str"), ("手機號碼", "phone", "str"), ("電話", "phone", "str"),
    ("名稱", "name", "str"), ("標題", "title", "str"), ("內容", "content", "text"), ("說明", "description", "text"),
    ("數量", "quantity", "int"), ("價格", "price", "Decimal"), ("狀態", "status", "str"),
    ("類別", "category", "str"), ("建立時間", "created_at", "datetime"),
    ("創建時間", "created_at", "datetime"), ("更新時間", "updated_at", "datetime"), ("備註", "notes", "text"),
    ("優先級", "priority", "str"),
)
_BY_LENGTH = sorted(_WORDS, key=lambda entry: len(entry[0]), reverse=True)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Closing verbs and particles of a Japanese, Korean or Chinese list: `…フラグを持つ`, `…을 가진다`, `…等`.
_TRAILING = re.compile(r"(?:を持つ|を含む|がある|など|等|을 가진다|를 가진다|을 포함|를 포함|등|。|\.)+\s*$")
# `A と B を持つ` (Japanese), `A和B` / `A及B` (Chinese), `A과 B` / `A와 B` (Korean): the last two items of a list.
_AND = re.compile(r"と(?=[^\s、，,]+(?:を持つ|を含む)\s*$)|[和及与與]|(?<=[\uac00-\ud7af])[과와]\s+")
_BRACKETS = re.compile(r"[（(]([^()（）]*)[)）]")
# Identifiers as a CJK list gives them (`title/category/status`, `is_internal`), after a lead word (`包含`, `具備`).
_LATIN_IDENTIFIERS = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?:\s*/\s*[a-z][a-z0-9]*(?:_[a-z0-9]+)*)*")
_CJK_LEAD = re.compile(r"^(?:包含|包括|具備|具有|含有|含|有|擁有|拥有|具备|記錄|记录|以及|及)\s*")
_OPTIONAL = re.compile(r"任意|オプション|선택|可选|选填")
_POSITIVE = re.compile(r"正の|양의|正整数|正数")


def has_cjk(text: str) -> bool:
    """Whether `text` holds Japanese, Korean or Chinese characters."""
    return _CJK.search(text) is not None


def is_cjk_list(text: str) -> bool:
    """Whether a definition is a list in Japanese, Korean or Chinese (items separated by `、`, `，` or commas)."""
    return bool(_CJK.search(text)) and any(separator in text for separator in ("、", "，", ",", "と"))


def cjk_fields(text: str) -> tuple[list[FieldPhrase], list[str]]:
    """The columns a CJK list names: (known fields, items the lexicon does not know). `text` is the definition
    after the entity's name; a first sentence that is not a list (`…するラベル。`) yields nothing."""
    pieces: list[str] = []
    for sentence in re.split(r"[。．]", text):
        # A sentence is a list when it has separators outside brackets or ends with `を持つ` (`A と B を持つ`).
        items = [part for piece in split_top_level(sentence, "、，,")
                 for part in _AND.split(piece) if part.strip()]
        if len(items) >= 2 or _TRAILING.search(sentence.strip()):
            pieces += items
    fields: list[FieldPhrase] = []
    unknown: list[str] = []
    for raw in pieces:
        bare = _BRACKETS.sub("", raw).strip()
        if re.search(r"[A-Za-z]", bare):
            # `包含 title/category/status`, `author`: identifiers in a CJK list name the columns themselves. Other
            # Latin text is left to the English rules.
            identifiers = _LATIN_IDENTIFIERS.fullmatch(_CJK_LEAD.sub("", bare))
            for word in identifiers.group(0).split("/") if identifiers else ():
                name = word.strip()
                if name and not any(f.name == name for f in fields):
                    fields.append(FieldPhrase(name=name, phrase=name, type=infer_type(name, "")))
            continue
        piece = _TRAILING.sub("", raw.strip())
        qualifier = " ".join(_BRACKETS.findall(piece))
        word = _BRACKETS.sub("", piece).strip()
        if not word or not _CJK.search(word) or len(word) > 12:
            continue
        match = next(((name, kind) for known, name, kind in _BY_LENGTH if word.endswith(known)), None)
        if match is None:
            unknown.append(word)
            continue
        name, kind = match
        if any(f.name == name for f in fields):
            continue
        phrase = FieldPhrase(name=name, phrase=word, type=kind, required=not _OPTIONAL.search(qualifier))
        if _POSITIVE.search(qualifier):
            phrase.constraints.append("> 0")
        fields.append(phrase)
    return fields, unknown


def cjk_item_word(item: str) -> str:
    """A CJK list item without its lead word (`包含假別` -> `假別`)."""
    return _CJK_LEAD.sub("", item.strip())


# Signing in, in Japanese, Korean and Chinese: `ログイン`, `로그인`, `회원가입`, `登录`, `注册`.
_SIGN_IN = re.compile(r"ログイン|サインイン|サインアップ|ユーザー登録|会員登録|로그인|회원\s?가입|登录|登入|注册|註冊")
# Words for a person's account: `アカウント`, `ユーザー`, `계정`, `사용자`, `账户`, `用户`.
_ACCOUNT = re.compile(r"アカウント|ユーザー?|会員|계정|사용자|회원|账户|账号|帳號|帳戶|用户|用戶")
# What people sign in with, longest first: (word, column).
_CREDENTIALS: tuple[tuple[str, str], ...] = (
    ("メールアドレス", "email"), ("電子メール", "email"), ("メール", "email"), ("パスワード", "password_hash"),
    ("電話番号", "phone"), ("이메일", "email"), ("비밀번호", "password_hash"), ("전화번호", "phone"),
    ("电子邮件", "email"), ("邮箱", "email"), ("密码", "password_hash"), ("密碼", "password_hash"),
    ("手机号", "phone"), ("电话号码", "phone"),
)


# The account flows a Japanese, Korean or Chinese requirement asks for, by the words that name them.
# Not the word as a modifier: `注册时间` (registration time), `登录页` (the login page), `登入狀態` (signed-in state).
_NOT_FLOW_AFTER = r"(?!\s*(?:时间|時間|日期|日|时|時|页|頁|画面|画面|状态|狀態|状態|記録|记录|紀錄|次数|次數))"
_CJK_FLOWS = (("register", re.compile(r"(?:註冊|注册|会員登録|ユーザー登録|회원\s?가입|サインアップ)" + _NOT_FLOW_AFTER)),
              ("logout", re.compile(r"(?:登出|退出登录|退出登入|ログアウト|로그아웃)" + _NOT_FLOW_AFTER)),
              ("login", re.compile(r"(?:(?<!退出)(?:登入|登录)|ログイン|サインイン|로그인)" + _NOT_FLOW_AFTER)))


_CJK_FLOW_WORD = re.compile("|".join(pattern.pattern for _name, pattern in _CJK_FLOWS))  # any flow at all


def cjk_auth_flows(text: str) -> list[str]:
    """`系統 MUST 提供 Email + Password 的註冊與登入` -> ["register", "login"]: the sign-up, sign-in and sign-out
    flows a requirement in Japanese, Korean or Chinese names."""
    if not _CJK_FLOW_WORD.search(text):
        return []  # most statements (one search, not three)
    return [name for name, pattern in _CJK_FLOWS if pattern.search(text)]


def cjk_sign_in(line: str) -> tuple[int, int, bool] | None:
    """Where a Japanese, Korean or Chinese line speaks of signing in: (start, end, whether it also names an account
    or user), or None."""
    match = _SIGN_IN.search(line)
    if match is None:
        return None
    return match.start(), match.end(), bool(_ACCOUNT.search(line))


def cjk_credentials(line: str) -> list[tuple[str, int, int]]:
    """The credentials a line says people sign in with: (column, start, end) for each credential word that comes
    before the sign-in word in the same sentence (`メールアドレスとパスワードで…ログイン`, `이메일로 로그인`,
    `使用邮箱和密码登录`)."""
    found: list[tuple[str, int, int]] = []
    for sentence in re.finditer(r"[^。．！？!?]+", line):
        text = sentence.group()
        sign_in = _SIGN_IN.search(text)
        if sign_in is None:
            continue
        head = text[:sign_in.start()]
        taken: list[tuple[int, int]] = []
        for word, column in _CREDENTIALS:
            at = head.find(word)
            while at >= 0:
                if not any(a <= at < b for a, b in taken):
                    taken.append((at, at + len(word)))
                    if all(column != seen for seen, _s, _e in found):
                        found.append((column, sentence.start() + at, sentence.start() + at + len(word)))
                at = head.find(word, at + len(word))
    return found


# What people do to a thing, in Japanese and Korean (after its name: `タスクを作成`, `タスクの削除`, `작업을 생성`)
# and in Chinese (before it: `创建任务`, `刪除任務`): (operation kind, words).
_CJK_VERBS = (
    ("create", "作成|追加|登録|新規作成|投稿|생성|추가|등록|작성|创建|創建|新建|新增|添加|建立|发布|發布"),
    ("update", "編集|更新|変更|修正|設定|수정|편집|변경|설정|编辑|編輯|修改|更新|变更|變更"),
    ("delete", "削除|삭제|删除|刪除|移除"),
    ("list", "一覧|リスト|検索|閲覧|목록|리스트|검색|조회|列表|清单|清單|搜索|搜尋|查询|查詢|查看|浏览|瀏覽|筛选|篩選"),
    # one by its key: `レシピの詳細`, `레시피 ID로 상세 정보를 조회`, `查看任务详情`
    ("detail", "詳細|상세|详情|詳情"),
)
_CJK_KIND = {word: kind for kind, words in _CJK_VERBS for word in words.split("|")}
_CJK_VERB_WORD = "|".join(sorted(_CJK_KIND, key=len, reverse=True))
# Japanese and Korean: the name, an object or genitive particle, then the verb (`を作成`, `의 삭제`, `을 생성`); or a
# part of it as the object (`タスクのステータスを変更`: the task changes), or something set on it (`タスクに期限を設定`,
# `작업에 마감일을 설정`), the value it takes between (`ステータスを「完了」に変更`).
_AFTER_NAME = re.compile(rf"\s*(?:(?:の|に|에)\s*[^。、，,.;；をのに을를]{{1,12}}(?:を|을|를)[^。、，,.;；]{{0,24}}?|"
                         rf"(?:ID|id)\s*(?:로|으로|で|から|를|を)?\s*|"
                         rf"(?:を|の|は|も|을|를|의|은|는))?\s*(?:新規|新しく|새로)?\s*({_CJK_VERB_WORD})")
# Chinese: the verb, then at most a measure word or `新的`, then the name (`新增一个任务`, `查看任務列表`).
_BEFORE_NAME = re.compile(rf"({_CJK_VERB_WORD})\s*(?:新的|一个|一個|一條|一条|多个|多個|所有|全部|自己的|该|該)?\s*$")
# A refusal after the verb (Japanese, Korean) or before it (Chinese): `できない`, `禁止`, `不能`, `없다`.
_CJK_REFUSED_AFTER = re.compile(r"[^。、，,.;；]{0,6}?(?:できない|できません|しない|しません|禁止|不可|없|불가|금지|못)")
_CJK_REFUSED_BEFORE = re.compile(r"(?:不能|不得|不可|禁止|无法|無法|不允许|不允許)\s*$")


def cjk_operations(text: str, names: dict[str, object]) -> list[tuple[str, object, int]]:
    """`ユーザーが新しいタスクを作成できる` -> [("create", <Task>, start)]: the writes and lists a Japanese, Korean or
    Chinese statement asks for on the things `names` maps (their names in the spec's script) to."""
    found: list[tuple[str, object, int]] = []
    for name, value in names.items():
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            after = _AFTER_NAME.match(text, end)
            before = _BEFORE_NAME.search(text, max(0, start - 12), start)
            if after is not None and not _CJK_REFUSED_AFTER.match(text, after.end()):
                found.append((_CJK_KIND[after.group(1)], value, start))
            elif before is not None and not _CJK_REFUSED_BEFORE.search(text, max(0, before.start() - 6), before.start()):
                found.append((_CJK_KIND[before.group(1)], value, start))
            start = text.find(name, end)
    return found
