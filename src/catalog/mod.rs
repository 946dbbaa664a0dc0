//! What providers charge and the rules they apply. For now: the epochs rules a provider uses
//! when a tuning job does not say how many passes to make.

pub mod epochs;
