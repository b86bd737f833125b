/// @file
/// From a position-space book to the wealth-space view the policies act on.
#pragma once

#include "adl/ref/book.hpp"

namespace adl::ref {

/// Aggregates positions per account (accounts in order of first appearance):
/// cash = Σ collateral; PNL = Σ (b·q·(mark − entry) + Γ); notional = Σ mark·q;
/// leverage = initial leverage Σ entry·q / Σ collateral (absent when the
/// collateral is 0, and when Σ entry·q = 0: a wealth-space leverage is > 0);
/// the Binance score ℓ·mark/p^bk for single-position accounts with a defined
/// leverage, p^bk the entry-form bankruptcy price with the position's funding
/// (+∞ when p^bk = 0; absent for multi-position accounts); caps and explicit
/// scores from the book's per-account maps. Throws InvalidInput on a position
/// outside the model's domain (naming account, market and field), a market
/// without a positive mark price, or a per-account map naming an account with
/// no position.
/// @spec DEF-ACCOUNT-AGGREGATE
Book to_wealth_book(const PositionBook& book);

}  // namespace adl::ref
