"""Datasets: CSV, JSONL and YAML rows with line numbers, previews and clear errors."""

from __future__ import annotations

import pytest

from common.errors import WorkbenchError
from prompt_library import (
    DatasetError,
    PromptTemplate,
    builtin_datasets,
    load_dataset,
    preview_dataset,
    render,
    run_pattern,
)
from prompt_library.datasets import BUILTIN_DATASETS, parse_dataset


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_with_quotes_multiline_and_chinese(tmp_path):
    path = write(tmp_path, "data.csv",
                 'question,answer\n"What is 2, plus 2?",4\n\n"A two-line\nquestion",x\n克莱儿吃多少打鸡蛋？,7\n')
    ds = load_dataset(path)
    assert ds.columns == ("question", "answer")
    assert ds.rows == ({"question": "What is 2, plus 2?", "answer": "4"},
                       {"question": "A two-line\nquestion", "answer": "x"},
                       {"question": "克莱儿吃多少打鸡蛋？", "answer": "7"})
    assert ds.lines == (2, 4, 6)
    assert len(ds) == 3 and list(ds)[2]["answer"] == "7"


def test_csv_missing_column_reports_line(tmp_path):
    path = write(tmp_path, "data.csv", "question,answer\nq1,1\nq2,2\nonly-one-cell\n")
    with pytest.raises(DatasetError) as err:
        load_dataset(path)
    assert str(err.value) == "data.csv line 4: missing column 'answer'"
    assert err.value.line == 4 and isinstance(err.value, WorkbenchError)


def test_csv_too_many_cells_and_bad_header(tmp_path):
    with pytest.raises(DatasetError, match=r"^data.csv line 3: 3 values but the header has 2 columns$"):
        load_dataset(write(tmp_path, "data.csv", "a,b\n1,2\n1,2,3\n"))
    with pytest.raises(DatasetError, match=r"^dup.csv line 1: column 'a' appears twice$"):
        load_dataset(write(tmp_path, "dup.csv", "a,a\n1,2\n"))
    with pytest.raises(DatasetError, match=r"^empty.csv: empty \(no header line\)$"):
        load_dataset(write(tmp_path, "empty.csv", "\n\n"))


def test_required_column_absent_from_header(tmp_path):
    path = write(tmp_path, "data.csv", "prompt,answer\nq,1\n")
    with pytest.raises(DatasetError, match=r"^data.csv line 1: missing column 'question'$"):
        load_dataset(path, required=["question"])


def test_jsonl_rows_and_broken_line(tmp_path):
    good = '{"question": "1+1?", "answer": 2}\n\n{"question": "中文？", "extra": true}\n'
    ds = load_dataset(write(tmp_path, "data.jsonl", good))
    assert ds.columns == ("question", "answer", "extra") and ds.lines == (1, 3)
    lines = [good.splitlines()[0]] * 6 + ['{"question": "broken", }']
    with pytest.raises(DatasetError) as err:
        load_dataset(write(tmp_path, "data.jsonl", "\n".join(lines)))
    assert str(err.value).startswith("data.jsonl line 7: not valid JSON")
    with pytest.raises(DatasetError, match=r"^data.jsonl line 2: not a JSON object \(got list\)$"):
        load_dataset(write(tmp_path, "data.jsonl", '{"a": 1}\n[1, 2]\n'))


def test_jsonl_missing_required_column_reports_line(tmp_path):
    path = write(tmp_path, "data.jsonl", '{"question": "a"}\n{"question": "b"}\n{"answer": "c"}\n')
    with pytest.raises(DatasetError, match=r"^data.jsonl line 3: missing column 'question'$"):
        load_dataset(path, required=["question"])


def test_yaml_list_or_rows_mapping(tmp_path):
    ds = load_dataset(write(tmp_path, "d.yaml", "- question: 一\n  answer: 1\n- question: 二\n  answer: 2\n"))
    assert ds.rows == ({"question": "一", "answer": 1}, {"question": "二", "answer": 2}) and ds.lines == (1, 3)
    ds = load_dataset(write(tmp_path, "d.yml", "# c\nrows:\n  - {q: a}\n  - {q: b}\n"))
    assert ds.lines == (3, 4) and ds.columns == ("q",)
    with pytest.raises(DatasetError, match=r"^d.yaml line 2: row 2 is not a mapping$"):
        load_dataset(write(tmp_path, "d.yaml", "- {q: a}\n- just text\n"))
    with pytest.raises(DatasetError, match=r"not a dataset"):
        load_dataset(write(tmp_path, "d.yaml", "q: a\n"))
    with pytest.raises(DatasetError, match=r"^d.yaml line 1, column 8: expected the node content, but found '}'$"):
        load_dataset(write(tmp_path, "d.yaml", "- {q: [}\n"))


def test_not_utf8_is_refused(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("question\n克莱儿\n".encode("gbk"))
    with pytest.raises(DatasetError) as err:
        load_dataset(path)
    assert str(err.value).startswith("gbk.csv is not UTF-8 text (byte 0xbf at line 2)")


def test_unknown_format_and_missing_file(tmp_path):
    with pytest.raises(DatasetError, match="unknown dataset format"):
        load_dataset(write(tmp_path, "data.txt", "x"))
    with pytest.raises(DatasetError, match="does not exist"):
        load_dataset(tmp_path / "nope.csv")
    with pytest.raises(DatasetError, match="unknown dataset format 'xml'"):
        parse_dataset("<a/>", "xml")


def test_preview_and_limit(tmp_path):
    path = write(tmp_path, "data.jsonl", "".join(f'{{"i": {i}}}\n' for i in range(50)))
    pv = preview_dataset(path, 3)
    assert pv.columns == ("i",) and [r["i"] for r in pv.rows] == [0, 1, 2] and pv.total_rows == 50
    assert len(load_dataset(path, limit=5)) == 5


def test_builtin_datasets_load_with_expected_columns():
    found = {p.name: load_dataset(p) for p in builtin_datasets()}
    assert len(found) >= 3
    assert found["arithmetic_word_problems.jsonl"].columns == ("question", "rationale", "answer")
    found["zh_math.yaml"].require_columns(["question", "answer", "rationale"])
    found["sentiment_reviews.csv"].require_columns(["review", "label"])
    assert any("克莱儿" in r["question"] for r in found["zh_math.yaml"])
    assert BUILTIN_DATASETS.is_dir()


def test_dataset_rows_as_few_shot_examples_and_batch_variables():
    ds = load_dataset(BUILTIN_DATASETS / "arithmetic_word_problems.jsonl")
    t = PromptTemplate.from_yaml(
        "name: t\nvariables: [{name: question}]\nprompt: 'Q: {{ question }}'\n"
        "example_input: 'Q: {{ question }}'\nexample_output: 'A: {{ rationale }} The answer is {{ answer }}.'\n"
        "pattern: {name: few-shot-cot, k: 2}\n")
    msgs = render(t, {"question": "new?"}, examples=ds.rows)
    assert msgs[0].content.startswith("Q: Roger has 5 tennis balls")
    assert msgs[1].content.endswith("The answer is 11.")
    # a batch: every row's declared variables render; extra columns are ignored
    for row in ds:
        out = run_pattern(t, row, lambda *a: "The answer is 1.", examples=ds.rows[:1])
        assert out.stages[0].sent[-1].content == f"Q: {row['question']}"
