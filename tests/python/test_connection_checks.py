"""scikit-learn's own estimator checks on lreg.ConnectionClassifier and ConnectionRegressor
(Debian's scikit-learn 1.2.1), with no frozen model (n_base_outputs=0: the base outputs are
zero), which is what the checks' generic data allows: they know nothing of base outputs.
The regressor declares the `poor_score` tag; the last test shows why, with the check itself."""

import pytest
from sklearn.utils.estimator_checks import check_regressors_train, parametrize_with_checks

import lreg


@parametrize_with_checks([lreg.ConnectionClassifier(), lreg.ConnectionRegressor()])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


class ScoredConnectionRegressor(lreg.ConnectionRegressor):
    """ConnectionRegressor without the poor_score tag: check_regressors_train asserts R2 > 0.5."""

    def _more_tags(self):
        return {"multioutput": True, "poor_score": False}


def test_the_poor_score_tag_is_the_defaults_only():
    """The tag the regressor declares (lreg._connection.POOR_SCORE_REASON): with the CLI's one
    epoch the check's score assertion fails; with 50 epochs the same check passes it."""
    assert lreg.ConnectionRegressor()._get_tags()["poor_score"]
    with pytest.raises(AssertionError):
        check_regressors_train("ConnectionRegressor", ScoredConnectionRegressor())
    check_regressors_train("ConnectionRegressor", ScoredConnectionRegressor(epochs=50))
