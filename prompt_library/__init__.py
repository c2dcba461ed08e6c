"""What is sent: sandboxed templates, prompt patterns, the template library, datasets."""

from prompt_library.answers import (
    answer_is,
    answer_is_zh,
    choice_letter,
    extract_answer,
    last_number,
    normalize_answer,
    true_false,
)
from prompt_library.datasets import Dataset, DatasetPreview, builtin_datasets, load_dataset, preview_dataset
from prompt_library.errors import (
    DatasetError,
    PatternError,
    SandboxViolation,
    TemplateFileError,
    TemplateNotFoundError,
    TemplateRenderError,
    TemplateSyntaxError,
    VariableError,
)
from prompt_library.library import BUILTIN_TEMPLATES, TemplateInfo, TemplateLibrary, VersionInfo
from prompt_library.patterns import (
    Generate,
    PatternResult,
    PromptParts,
    StageRecord,
    build_parts,
    render,
    run_pattern,
    select_examples,
)
from prompt_library.spec import TemplateSpec, VariableSpec, format_reference
from prompt_library.template import PromptTemplate, canonical_json, template_id

__all__ = [
    "BUILTIN_TEMPLATES", "Dataset", "DatasetError", "DatasetPreview", "Generate", "PatternError",
    "PatternResult", "PromptParts", "PromptTemplate", "SandboxViolation", "StageRecord",
    "TemplateFileError", "TemplateInfo", "TemplateLibrary", "TemplateNotFoundError",
    "TemplateRenderError", "TemplateSpec", "TemplateSyntaxError", "VariableError", "VariableSpec",
    "VersionInfo", "answer_is", "answer_is_zh", "build_parts", "builtin_datasets", "canonical_json",
    "choice_letter", "extract_answer", "format_reference", "last_number", "load_dataset",
    "normalize_answer", "preview_dataset", "render", "run_pattern", "select_examples", "template_id",
    "true_false",
]
