//! The colour choice (`--color`): shared vocabulary of the flags and the renderers.

use clap::ValueEnum;

/// When to colour the human output (`--color`).
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb
    #[default]
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}
