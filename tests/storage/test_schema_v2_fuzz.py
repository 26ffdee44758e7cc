"""Study-file format version 2, fuzzed cross-checking data: any mutation either loads as a
consistent study that saves and reloads the same, or raises a StudyFileError."""

import copy
import dataclasses
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.identity import Person
from desktop.domain.provenance import ArchivedCopy
from desktop.storage.errors import StudyFileError
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study
from tests.storage.schema_v2_helpers import VALID, assert_equal_studies

# -- fuzzing the cross-checking data --------------------------------------------------------

def cross_check_paths(node, prefix=()):
    if prefix and (
        prefix[0] in ("references", "links")
        or any(key in prefix for key in ("verdict", "citations", "source"))
    ):
        yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from cross_check_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from cross_check_paths(value, (*prefix, i))


PATHS = list(cross_check_paths(VALID))
IDS = ["h-0", "h-1", "h-orphan", "r-full", "r-url", "c-0-0", "c-2-1", "l-0", "d-main"]
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=4), st.just([]), st.just({}), st.just([{}]), st.sampled_from(IDS),
    st.sampled_from([m.value for kind in (Stance, Verdict, Relation, Trust) for m in kind]),
)


@st.composite
def mutated(draw):
    data = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        try:
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            if draw(st.booleans()) and isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent[path[-1]] = copy.deepcopy(draw(ODD_VALUES))  # no shared objects
        except (KeyError, IndexError, TypeError):
            pass  # an earlier mutation removed or replaced this path
    return data


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated())
def test_fuzzed_cross_check_data_loads_consistently_or_raises_study_file_error(tmp_path, data):
    path = tmp_path / "fuzz.crosslight"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    try:
        study = load_study(path).study
    except StudyFileError as err:
        assert type(err) is StudyFileError and str(err)
        return
    citation_ids = []
    for h in study.highlights.values():
        assert type(h.verdict) is Verdict and isinstance(h.rationale, str)
        for c in h.citations:
            assert c.reference_id in study.references
            assert type(c.stance) is Stance
            assert isinstance(c.comment, str)
            citation_ids.append(c.id)
    assert len(citation_ids) == len(set(citation_ids))
    for lid, link in study.links.items():
        assert lid == link.id
        assert link.source_id in study.highlights and link.target_id in study.highlights
        assert link.source_id != link.target_id
        assert type(link.relation) is Relation
    for rid, ref in study.references.items():
        assert rid == ref.id
        assert all(isinstance(getattr(ref, f.name), str) for f in dataclasses.fields(ref)
                   if f.name not in ("creator", "editor", "archived", "extra", "revs"))
        assert all(isinstance(p, Person | None) for p in (ref.creator, ref.editor))
        assert isinstance(ref.archived, ArchivedCopy | None)
    for doc in study.documents.values():
        assert type(doc.source.trust) is Trust
    # whatever loaded also saves and reloads to the same thing
    save_study(study, path)
    assert_equal_studies(load_study(path).study, study)
