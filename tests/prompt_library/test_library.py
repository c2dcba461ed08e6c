"""The template library: built-ins, user templates, versions, import and export."""

from __future__ import annotations

import pytest

from backends.base import Message
from common.errors import TemplateError
from prompt_library import (
    BUILTIN_TEMPLATES,
    PromptTemplate,
    TemplateFileError,
    TemplateLibrary,
    TemplateNotFoundError,
    run_pattern,
)

MINE = "name: mine\ntitle: Mine\nvariables:\n  - name: q\n    default: why?\nprompt: 'Q: {{ q }}'\n"


@pytest.fixture
def lib(tmp_path) -> TemplateLibrary:
    return TemplateLibrary(tmp_path / "templates")


def test_builtins_are_listed(lib):
    infos = lib.list()
    names = [i.name for i in infos]
    assert names == sorted(names) and len(names) >= 15
    assert all(i.origin == "builtin" and i.id and not i.error for i in infos)
    assert {"error-explainer", "tool-router-zh", "cot-arithmetic", "step-back-translation-zh"} <= set(names)


def test_save_returns_content_id_and_same_content_same_id(lib, tmp_path):
    first = lib.save(MINE)
    assert first == PromptTemplate.from_yaml(MINE).id
    assert lib.save(MINE) == first
    assert lib.save(PromptTemplate.from_yaml("# comment only\n" + MINE)) == first
    assert (tmp_path / "templates" / "mine.yaml").read_text(encoding="utf-8") == MINE
    assert [v.version for v in lib.versions("mine")] == [1]


def test_editing_creates_a_new_version_and_keeps_history(lib):
    v1 = lib.save(MINE)
    v2 = lib.save(MINE.replace("Q: ", "Question: "))
    assert v1 != v2
    assert lib.get("mine").id == v2  # by name: the latest
    assert lib.get(v1).render()[0].content == "Q: why?"  # by id: that exact version
    assert lib.get(v1[:10]).id == v1  # an id prefix works too
    assert [(v.version, v.id) for v in lib.versions("mine")] == [(1, v1), (2, v2)]
    again = lib.save(MINE)  # going back to old content gives the old id, no new version
    assert again == v1 and len(lib.versions("mine")) == 2


def test_hand_edits_are_recorded_as_versions(lib, tmp_path):
    v1 = lib.save(MINE)
    path = tmp_path / "templates" / "mine.yaml"
    path.write_text(MINE.replace("why?", "how?"), encoding="utf-8")
    latest = lib.get("mine")
    assert latest.id != v1 and latest.render()[0].content == "Q: how?"
    assert [v.id for v in lib.versions("mine")] == [v1, latest.id]
    assert lib.get(v1).id == v1  # the old version is still there


def test_user_template_shadows_builtin(lib):
    builtin = lib.get("fact-check")
    text = builtin.yaml_text.replace("Reply with exactly one word", "Answer with one word")
    new_id = lib.save(text)
    assert lib.get("fact-check").id == new_id
    info = next(i for i in lib.list() if i.name == "fact-check")
    assert info.origin == "user" and info.shadows_builtin
    assert [i.name for i in lib.list()].count("fact-check") == 1
    # the built-in version is the first entry of the history, still reachable by id
    assert [v.id for v in lib.versions("fact-check")] == [builtin.id, new_id]
    assert lib.get(builtin.id).id == builtin.id


def test_duplicate_keeps_comments_and_needs_a_free_name(lib):
    copy = lib.duplicate("cot-arithmetic", "my-arithmetic")
    assert copy.name == "my-arithmetic"
    assert copy.yaml_text.startswith("# Few-shot chain-of-thought")
    assert lib.get("my-arithmetic").id == copy.id
    assert copy.spec.examples == lib.get("cot-arithmetic").spec.examples
    with pytest.raises(TemplateError, match="a template named 'cot-arithmetic' already exists"):
        lib.duplicate("my-arithmetic", "cot-arithmetic")


def test_import_and_export(lib, tmp_path):
    src = tmp_path / "incoming.yaml"
    src.write_text(MINE, encoding="utf-8")
    imported = lib.import_file(src)
    assert lib.get("mine").id == imported.id
    out = lib.export_file("mine", tmp_path / "out.yaml")
    assert out.read_text(encoding="utf-8") == MINE
    folder = tmp_path / "exports"
    folder.mkdir()
    assert lib.export_file("tool-router-zh", folder).name == "tool-router-zh.yaml"
    assert PromptTemplate.from_file(folder / "tool-router-zh.yaml").id == lib.get("tool-router-zh").id


def test_import_refuses_bad_files(lib, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"name: x\nprompt: \xff\xfe\n")
    with pytest.raises(TemplateFileError, match=r"^bad.yaml is not UTF-8 text \(byte 0xff at line 2\)"):
        lib.import_file(bad)
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(TemplateFileError, match="not a template"):
        lib.import_file(bad)
    assert not (tmp_path / "templates").exists() or not list((tmp_path / "templates").glob("*.yaml"))


def test_broken_user_files_are_listed_with_their_error(lib, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "broken.yaml").write_text("name: broken\nprompt: '{{ oops }'\n", encoding="utf-8")
    infos = {i.name: i for i in lib.list()}
    assert infos["broken"].error == "template 'broken' line 2: unexpected '}'"
    assert infos["broken"].id is None


def test_not_found_and_read_only(tmp_path):
    lib = TemplateLibrary(None)
    with pytest.raises(TemplateNotFoundError, match="no template named 'nope'"):
        lib.get("nope")
    with pytest.raises(TemplateNotFoundError, match="no template with id 'deadbeef'"):
        lib.get("deadbeef")
    with pytest.raises(TemplateError, match="no user template folder is set"):
        lib.save(MINE)


def test_builtin_folder_exists():
    assert BUILTIN_TEMPLATES.is_dir()


# --- every built-in template loads and renders with its defaults ---------------------------
BUILTIN_NAMES = sorted(p.stem for p in BUILTIN_TEMPLATES.glob("*.yaml"))


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_builtin_loads_and_renders_with_defaults(name):
    t = PromptTemplate.from_file(BUILTIN_TEMPLATES / f"{name}.yaml")
    assert t.name == name, "file name and template name agree"
    assert t.spec.title and t.spec.description
    rendered = t.render()
    if t.mode == "chat":
        assert rendered and all(isinstance(m, Message) and m.content.strip() for m in rendered)
        assert rendered[-1].role == "user"
    else:
        assert isinstance(rendered, str) and rendered.strip()
    # and the whole pattern runs against a scripted model
    result = run_pattern(t, {}, lambda stage, sent, params: "1. A sub-question?\n2. Another?\n3. The answer is 7.")
    assert result.stages


def test_builtins_cover_every_pattern_and_both_languages():
    templates = [PromptTemplate.from_file(BUILTIN_TEMPLATES / f"{n}.yaml") for n in BUILTIN_NAMES]
    assert {t.pattern.name for t in templates} == {
        "zero-shot", "few-shot", "zero-shot-cot", "few-shot-cot", "step-back", "self-consistency", "least-to-most",
        "chain-of-verification"}
    assert {t.language for t in templates} == {"en", "zh"}
    assert {t.mode for t in templates} == {"chat", "completion"}


def test_builtin_constraints_are_valid_for_the_guards_room():
    pytest.importorskip("guidance")
    from guards.constrain import Constraint

    checked = 0
    for name in BUILTIN_NAMES:
        t = PromptTemplate.from_file(BUILTIN_TEMPLATES / f"{name}.yaml")
        if t.spec.constraint is not None:
            Constraint.from_dict(t.spec.constraint)
            checked += 1
    assert checked >= 5
    explainer = Constraint.from_dict(PromptTemplate.from_file(BUILTIN_TEMPLATES / "error-explainer.yaml").spec.constraint)
    assert explainer.matches("Error: kubelet is down.\nSolution: 1. Restart it.")


def test_golden_tool_router_zh():
    t = PromptTemplate.from_file(BUILTIN_TEMPLATES / "tool-router-zh.yaml")
    assert t.render({"question": "你们支持退货吗？"}) == [Message("user", (
        "请针对 >>> 和 <<< 中间的用户问题，选择一个合适的工具去回答她的问题。只要用A、B、C的选项字母告诉我答案。"
        "如果你觉得都不合适，就选D。\n我们有的工具包括：\n"
        "A. 一个能够查询商品信息，为用户进行商品导购的工具\n"
        "B. 一个能够查询订单信息，获得最新的订单情况的工具\n"
        "C. 一个能够搜索商家的退换货政策、运费、物流时长、支付渠道、覆盖国家的工具\n"
        "D. 都不合适\n>>>你们支持退货吗？<<<"))]
    assert run_pattern(t, {}, lambda *a: "B").final_answer == "B"
    assert t.spec.constraint == {"kind": "choice", "choices": ["A", "B", "C", "D"]}


def test_golden_zh_math_cot_extracts_seven():
    t = PromptTemplate.from_file(BUILTIN_TEMPLATES / "zh-math-cot.yaml")
    outputs = {"reasoning": "克莱儿一周吃 3 * 7 = 21 颗蛋，4 周吃 84 颗，84 / 12 = 7。", "answer": "7 打。"}
    result = run_pattern(t, {}, lambda stage, sent, params: outputs[stage])
    assert result.final_answer == "7"
    assert result.stages[0].sent == [Message("user", "问题：克莱儿每天早饭都用 3 颗蛋做蛋卷，她 4 周会吃掉多少打鸡蛋？\n"
                                                     "答案：让我们一步一步地思考。")]


def test_golden_error_explainer_limits_length():
    t = PromptTemplate.from_file(BUILTIN_TEMPLATES / "error-explainer.yaml")
    msgs = t.render({"error": "CrashLoopBackOff", "language": "Chinese", "max_chars": 200})
    assert msgs[0].role == "system" and "write in Chinese" in msgs[0].content
    assert "no more than 200 characters" in msgs[0].content
    assert msgs[-1] == Message("user", "--- CrashLoopBackOff ---")
    assert msgs[2].content.startswith("Error: node3 has multiple conditions")


def test_golden_step_back_translation_single_prompt():
    t = PromptTemplate.from_file(BUILTIN_TEMPLATES / "step-back-translation-zh.yaml")
    user = t.render({"text": "Hello, world."})[-1].content
    assert user == ("请将下面的英文翻译成中文，要求语言生动活泼，简洁优雅。\n\n需要翻译的英文段落:\nHello, world.\n\n"
                    "请按照以下步骤输出结果:\n1. 要想得到通顺优雅简洁的翻译文章, 你需要知道哪些前提问题\n"
                    "2. 这些前提问题的答案分别是什么\n3. 基于这个前提问题, 对于给出英文的翻译结果")
    out = "1. 语气是什么？\n2. 轻松友好。\n3. 基于这个前提问题, 对于给出英文的翻译结果：\n你好，世界。"
    assert run_pattern(t, {"text": "Hello, world."}, lambda *a: out).final_answer == "你好，世界。"
