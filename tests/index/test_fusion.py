from index.fusion import reciprocal_rank_fusion


def test_item_ranked_high_in_both_legs_wins():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "a"]], k=60)
    assert fused[0][0] == "b"


def test_weights_tip_the_balance():
    lexical, dense = ["a", "b"], ["b", "a"]
    assert reciprocal_rank_fusion([lexical, dense], [2.0, 1.0])[0][0] == "a"
    assert reciprocal_rank_fusion([lexical, dense], [1.0, 2.0])[0][0] == "b"


def test_items_of_one_leg_are_kept_and_order_is_stable():
    fused = reciprocal_rank_fusion([["a"], ["x", "y"]])
    assert {pid for pid, _ in fused} == {"a", "x", "y"}
    assert fused == reciprocal_rank_fusion([["a"], ["x", "y"]])
