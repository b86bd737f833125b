/// @file
/// The reverse seam of FX-TO-EXACT for whole books: an fx book (for instance a
/// generated one) as an exact wealth-space ref::Book, so that the reference can
/// run on exactly the book the fixed-point engine sees. With convert.hpp, the
/// only fx files that use adl::ref.
#pragma once

#include "adl/fx/book.hpp"
#include "adl/ref/book.hpp"

namespace adl::fx {

/// An exact wealth-space book with the same endowments, equities, caps,
/// leverages and scores as `book` (accounts `g1`, `g2`, … in order). Cash and
/// PnL, which an fx book does not keep apart, are reconstructed as the unique
/// split with w = (PnL)₊ and e = cash + PnL that puts a non-winner's loss into
/// PnL: a winner (w ＞ 0) has PnL = w and cash = e − w (InvalidInput when
/// e ＜ w); an account with w = 0 has PnL = min(e, 0) and cash = (e)₊. The cap
/// becomes h̄ = c/w (no cap when w = 0, where it cannot bind), a leverage of 0
/// becomes "no leverage", and a +∞ score is InvalidInput (the wealth-space book
/// has no +∞ explicit score, FMT-WEALTH-CSV). fx::from_ref_book of the result
/// gives back `book`'s columns.
/// @spec FX-TO-EXACT
/// @spec DEF-EQUITY-DECOMP
ref::Book to_ref_book(const Book& book);

}  // namespace adl::fx
