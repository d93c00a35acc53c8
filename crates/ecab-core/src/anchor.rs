//! Where a delegate's annotation (a highlight, an underline, ink, a sticky note) sits in a
//! document, by the words it covers, so that it can be carried onto a new version of the
//! document. Page coordinates are kept too, by the caller; they say nothing once the text
//! has moved. This module is the text side: the ui makes a [`Quote`] from the words under
//! the selection, the server finds it again in the new version's words with [`locate`].
//! An annotation whose quote cannot be placed is listed for its author, never put
//! somewhere else.
//!
//! A page's text is its words in reading order (already NFC; a word is a run of non-space
//! characters); a document is its pages, numbered from 0. No IO: the words are passed in.

use serde::{Deserialize, Serialize};

/// Words of context kept on each side of a quote.
pub const CONTEXT_WORDS: usize = 8;

/// The longest quoted text ([`Quote::exact`]), in characters.
pub const MAX_QUOTE_CHARS: usize = 8000;

/// The longest context on either side ([`Quote::prefix`], [`Quote::suffix`]), in characters.
/// [`quote`] keeps fewer than [`CONTEXT_WORDS`] words when they would not fit.
pub const MAX_CONTEXT_CHARS: usize = 400;

/// The text an annotation covers, with a little of the same page's text on either side.
/// Each part is words joined by single spaces; the context may be shorter than
/// [`CONTEXT_WORDS`] words (the page starts or ends there) or empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    /// The covered words.
    pub exact: String,
    /// Up to [`CONTEXT_WORDS`] words just before them.
    pub prefix: String,
    /// Up to [`CONTEXT_WORDS`] words just after them.
    pub suffix: String,
}

/// Refuse a quote too large to store or to search with: `exact` over [`MAX_QUOTE_CHARS`]
/// characters, or a context over [`MAX_CONTEXT_CHARS`]. Anything smaller is accepted (an
/// empty quote too: it is simply never placed).
pub fn check(q: &Quote) -> Result<(), &'static str> {
    if q.exact.chars().count() > MAX_QUOTE_CHARS {
        return Err("the quoted text is too long");
    }
    if q.prefix.chars().count() > MAX_CONTEXT_CHARS || q.suffix.chars().count() > MAX_CONTEXT_CHARS {
        return Err("the quote's context is too long");
    }
    Ok(())
}

/// The quote of words `start..start + len` of `page`, with up to [`CONTEXT_WORDS`] words of
/// context on each side from the same page (fewer at the page's edges, or when they would
/// exceed [`MAX_CONTEXT_CHARS`]). A range reaching past the page is cut at its end; a start
/// past the end quotes no words (the page's last words are its prefix). The quoted text itself is never shortened: a
/// selection over [`MAX_QUOTE_CHARS`] is for [`check`] to refuse.
pub fn quote<S: AsRef<str>>(page: &[S], start: usize, len: usize) -> Quote {
    let start = start.min(page.len());
    let end = start.saturating_add(len).min(page.len());
    let before = context_len(page[..start].iter().rev());
    let after = context_len(page[end..].iter());
    Quote {
        exact: join(&page[start..end]),
        prefix: join(&page[start - before..start]),
        suffix: join(&page[end..end + after]),
    }
}

/// How many of `words` (nearest the quote first) make its context: at most
/// [`CONTEXT_WORDS`], and no more than fit in [`MAX_CONTEXT_CHARS`] once joined.
fn context_len<'a, S: AsRef<str> + 'a>(words: impl Iterator<Item = &'a S>) -> usize {
    let mut chars = 0;
    let mut n = 0;
    for w in words.take(CONTEXT_WORDS) {
        chars += w.as_ref().chars().count() + usize::from(n > 0);
        if chars > MAX_CONTEXT_CHARS {
            break;
        }
        n += 1;
    }
    n
}

fn join<S: AsRef<str>>(words: &[S]) -> String {
    let mut s = String::with_capacity(words.iter().map(|w| w.as_ref().len() + 1).sum());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(w.as_ref());
    }
    s
}

/// Where a quote was found: words `start..start + len` of page `page`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    pub page: u32,
    pub start: usize,
    pub len: usize,
}

/// Where `q` sits in `pages` (a new version of the document), or `None` when it cannot be
/// placed with confidence.
///
/// The policy:
/// - The words of `q.exact` (split on whitespace) must occur, in order and whole, on one
///   page. A quote with no words is never placed; nor is one whose words are gone.
/// - One occurrence in the whole document: that one, whatever its context.
/// - Several: each is scored by how much of its context agrees with the quote's, on the
///   same page: the words just before it that match the prefix counted from the prefix's
///   end, plus the words just after it that match the suffix counted from its start
///   (each count stops at the first word that differs). The highest score wins.
/// - Equal best scores go to the occurrence on the page nearest `hint_page` (where the
///   annotation was). Still equal (the same distance, e.g. on the same page): `None`.
/// - Several occurrences none of which shares a single word of context: `None`. The
///   position is not guessed, not even from `hint_page`; the annotation is listed as not
///   carried over instead.
///
/// Whatever is returned covers exactly the words of `q.exact`. Linear in the document's
/// words (a word-level Knuth–Morris–Pratt scan per page), with no text built.
pub fn locate(q: &Quote, hint_page: u32, pages: &[Vec<String>]) -> Option<Placement> {
    let exact: Vec<&str> = q.exact.split_whitespace().collect();
    if exact.is_empty() {
        return None;
    }
    let prefix: Vec<&str> = q.prefix.split_whitespace().collect();
    let suffix: Vec<&str> = q.suffix.split_whitespace().collect();
    let borders = borders(&exact);

    let mut found = 0usize;
    // The best so far: (score, distance to the hint, where), and whether another ties it.
    let mut best: Option<(usize, u32, Placement)> = None;
    let mut tied = false;
    for (words, page) in pages.iter().zip(0u32..) {
        let distance = page.abs_diff(hint_page);
        for start in occurrences(words, &exact, &borders) {
            found += 1;
            let score = context_score(words, start, exact.len(), &prefix, &suffix);
            let here = Placement { page, start, len: exact.len() };
            match best {
                Some((s, d, _)) if (score, d) == (s, distance) => tied = true,
                Some((s, d, _)) if score < s || (score == s && distance > d) => {}
                _ => {
                    best = Some((score, distance, here));
                    tied = false;
                }
            }
        }
    }
    let (score, _, placement) = best?;
    (found == 1 || (score > 0 && !tied)).then_some(placement)
}

/// For each `i`, the length of the longest proper prefix of `needle[..=i]` that is also its
/// suffix (the Knuth–Morris–Pratt failure table).
fn borders(needle: &[&str]) -> Vec<usize> {
    let mut b = vec![0; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            k = b[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        b[i] = k;
    }
    b
}

/// The start of every occurrence of `needle` (not empty) in `words`, overlapping ones
/// included, in order.
fn occurrences(words: &[String], needle: &[&str], borders: &[usize]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut k = 0;
    for (i, w) in words.iter().enumerate() {
        while k > 0 && w != needle[k] {
            k = borders[k - 1];
        }
        if w == needle[k] {
            k += 1;
        }
        if k == needle.len() {
            starts.push(i + 1 - k);
            k = borders[k - 1];
        }
    }
    starts
}

/// How many words around `words[start..start + len]` agree with the quote's context: the
/// ones before it matching `prefix` from its end, plus the ones after it matching `suffix`
/// from its start, each up to the first difference.
fn context_score(words: &[String], start: usize, len: usize, prefix: &[&str], suffix: &[&str]) -> usize {
    let before = words[..start].iter().rev().zip(prefix.iter().rev()).take_while(|(w, p)| w == *p).count();
    let after = words[start + len..].iter().zip(suffix).take_while(|(w, s)| w == *s).count();
    before + after
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::Index;

    fn page(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    fn q(prefix: &str, exact: &str, suffix: &str) -> Quote {
        Quote { exact: exact.into(), prefix: prefix.into(), suffix: suffix.into() }
    }

    fn at(page: u32, start: usize, len: usize) -> Option<Placement> {
        Some(Placement { page, start, len })
    }

    /// The words a placement covers.
    fn covered(pages: &[Vec<String>], p: Placement) -> Vec<&str> {
        pages[p.page as usize][p.start..p.start + p.len].iter().map(String::as_str).collect()
    }

    #[test]
    fn a_single_occurrence_is_placed_whatever_its_context() {
        let doc = vec![page("báo cáo quy hoạch tỉnh năm 2026"), page("kế hoạch đầu tư công")];
        assert_eq!(locate(&q("báo cáo", "quy hoạch tỉnh", "năm 2026"), 0, &doc), at(0, 2, 3));
        assert_eq!(locate(&q("hoàn toàn khác", "quy hoạch tỉnh", "cũng khác"), 1, &doc), at(0, 2, 3));
        assert_eq!(locate(&q("", "đầu  tư\tcông", ""), 0, &doc), at(1, 2, 3), "any whitespace splits the quote");
    }

    #[test]
    fn text_moved_to_another_page_follows() {
        let old = page("mở đầu báo cáo quy hoạch tỉnh năm 2026 kết thúc");
        let anchor = quote(&old, 3, 3);
        assert_eq!(anchor, q("mở đầu báo", "cáo quy hoạch", "tỉnh năm 2026 kết thúc"));
        let new = vec![page("trang bìa mới"), page("phụ lục"), page("mở đầu báo cáo quy hoạch tỉnh năm 2026 kết thúc")];
        assert_eq!(locate(&anchor, 0, &new), at(2, 3, 3));
    }

    #[test]
    fn the_prefix_tells_occurrences_apart() {
        let doc = vec![page("điều 1 quy hoạch tỉnh"), page("điều 2 quy hoạch tỉnh")];
        assert_eq!(locate(&q("điều 2", "quy hoạch tỉnh", ""), 0, &doc), at(1, 2, 3), "the hint does not beat context");
        assert_eq!(locate(&q("điều 1", "quy hoạch tỉnh", ""), 1, &doc), at(0, 2, 3));
        // Counted from the prefix's end: the word nearest the quote matters first.
        let doc = vec![page("b x quy hoạch"), page("x b quy hoạch")];
        assert_eq!(locate(&q("x b", "quy hoạch", ""), 0, &doc), at(1, 2, 2), "the same words, in the quote's order");
    }

    #[test]
    fn the_suffix_tells_occurrences_apart() {
        let doc = vec![page("quy hoạch tỉnh năm 2025 và"), page("quy hoạch tỉnh năm 2026 và")];
        assert_eq!(locate(&q("", "quy hoạch tỉnh", "năm 2026 và"), 0, &doc), at(1, 0, 3));
        assert_eq!(locate(&q("", "quy hoạch tỉnh", "năm 2025 và"), 1, &doc), at(0, 0, 3));
        // More matching words win, prefix and suffix together.
        let doc = vec![page("x quy hoạch năm 2026"), page("y quy hoạch tháng 2026")];
        assert_eq!(
            locate(&q("y", "quy hoạch", "năm 2026"), 1, &doc),
            at(0, 1, 2),
            "2 words of suffix beat 1 of prefix"
        );
    }

    #[test]
    fn equal_context_goes_to_the_page_nearest_the_hint() {
        let doc = vec![page("điều 1 quy hoạch"), page("kế hoạch"), page("điều 1 quy hoạch"), page("điều 1 quy hoạch")];
        let anchor = q("điều 1", "quy hoạch", "");
        assert_eq!(locate(&anchor, 0, &doc), at(0, 2, 2));
        assert_eq!(locate(&anchor, 2, &doc), at(2, 2, 2));
        assert_eq!(locate(&anchor, 3, &doc), at(3, 2, 2));
        assert_eq!(locate(&anchor, 9, &doc), at(3, 2, 2), "a hint past the end is nearest the last page");
        assert_eq!(locate(&anchor, 1, &doc), None, "pages 0 and 2 are as near: no guess");
        let same_page = vec![page("điều 1 quy hoạch và điều 1 quy hoạch")];
        assert_eq!(locate(&anchor, 0, &same_page), None);
    }

    #[test]
    fn occurrences_with_no_context_in_common_are_not_guessed() {
        let doc = vec![page("a quy hoạch b"), page("c quy hoạch d")];
        assert_eq!(locate(&q("x", "quy hoạch", "y"), 0, &doc), None, "not even on the hint's page");
        assert_eq!(locate(&q("", "quy hoạch", ""), 0, &doc), None);
        let overlapping = vec![page("năm năm năm")];
        assert_eq!(locate(&q("", "năm năm", ""), 0, &overlapping), None);
        assert_eq!(locate(&q("năm", "năm năm", ""), 0, &overlapping), at(0, 1, 2));
    }

    #[test]
    fn removed_text_is_not_placed() {
        let old = page("báo cáo quy hoạch tỉnh năm 2026");
        let anchor = quote(&old, 2, 3);
        assert_eq!(locate(&anchor, 0, &[page("báo cáo quy hoạch năm 2026")]), None, "a word of it is gone");
        assert_eq!(locate(&anchor, 0, &[page("báo cáo quy"), page("hoạch tỉnh năm 2026")]), None, "split by a page");
        assert_eq!(locate(&anchor, 0, &[page("báo cáo quy hoạch tỉnh")]), at(0, 2, 3), "only its context is cut");
        assert_eq!(locate(&anchor, 0, &[]), None);
    }

    #[test]
    fn an_empty_quote_is_never_placed() {
        let doc = vec![page("quy hoạch"), page("")];
        assert_eq!(locate(&Quote::default(), 0, &doc), None);
        assert_eq!(locate(&q("quy", " \n ", "hoạch"), 0, &doc), None);
        assert_eq!(quote(&doc[0], 1, 0), q("quy", "", "hoạch"));
    }

    #[test]
    fn quotes_take_context_from_the_same_page_up_to_its_edges() {
        let words = page("một hai ba bốn năm sáu bảy tám chín mười mười_một mười_hai");
        assert_eq!(quote(&words, 0, 2), q("", "một hai", "ba bốn năm sáu bảy tám chín mười"));
        assert_eq!(quote(&words, 10, 2), q("ba bốn năm sáu bảy tám chín mười", "mười_một mười_hai", ""));
        assert_eq!(quote(&words, 9, 1), q("hai ba bốn năm sáu bảy tám chín", "mười", "mười_một mười_hai"));
        assert_eq!(quote(&words, 0, usize::MAX).exact, words.join(" "), "a range past the end is cut");
        assert_eq!(quote(&words, 11, 5), q("bốn năm sáu bảy tám chín mười mười_một", "mười_hai", ""));
        assert_eq!(quote(&words, usize::MAX, usize::MAX), q("năm sáu bảy tám chín mười mười_một mười_hai", "", ""));
        assert_eq!(quote::<&str>(&[], 3, 2), Quote::default());
        // Context stops before it would pass its limit; the quote itself is kept whole.
        let long = ["x".repeat(150), "y".repeat(150), "z".repeat(150), "mid".into(), "w".repeat(401)];
        let anchor = quote(&long, 3, 1);
        assert_eq!(anchor, q(&format!("{} {}", long[1], long[2]), "mid", ""));
        assert_eq!(check(&anchor), Ok(()));
        assert_eq!(quote(&long, 4, 1).exact, long[4], "an exact over the context limit is still whole");
    }

    #[test]
    fn oversized_quotes_are_refused() {
        let fits = "ạ".repeat(MAX_QUOTE_CHARS);
        assert_eq!(check(&q("", &fits, "")), Ok(()), "the limit counts characters, not bytes");
        assert!(check(&q("", &format!("{fits}a"), "")).is_err());
        let context = "ạ".repeat(MAX_CONTEXT_CHARS);
        assert_eq!(check(&q(&context, "a", &context)), Ok(()));
        assert!(check(&q(&format!("{context}a"), "a", "")).is_err());
        assert!(check(&q("", "a", &format!("{context}a"))).is_err());
    }

    #[test]
    fn quotes_round_trip_as_json() {
        let anchor = q("báo cáo", "quy hoạch", "tỉnh");
        let json = serde_json::to_string(&anchor).unwrap();
        assert_eq!(json, r#"{"exact":"quy hoạch","prefix":"báo cáo","suffix":"tỉnh"}"#);
        assert_eq!(serde_json::from_str::<Quote>(&json).unwrap(), anchor);
    }

    #[test]
    fn the_scan_restarts_inside_a_partial_match() {
        let words = page("a a b a a a b a a a");
        let needle: Vec<&str> = "a a b a a a".split(' ').collect();
        assert_eq!(borders(&needle), [0, 1, 0, 1, 2, 2]);
        assert_eq!(occurrences(&words, &needle, &borders(&needle)), [0, 4]);
    }

    #[test]
    fn a_long_repetitive_quote_is_found_in_a_long_repetitive_page() {
        // Quadratic matching would crawl here; the scan stays linear.
        let mut words = vec!["năm".to_owned(); 60_000];
        words.push("2026".into());
        let anchor = quote(&words, 60_000 - 2_000, 2_000);
        assert_eq!(check(&anchor), Ok(()));
        assert_eq!(locate(&anchor, 0, &[words]), at(0, 60_000 - 2_000, 2_000), "the one followed by 2026");
    }

    // Properties: a document as paragraphs of (id, word), edited the way new versions are.

    const SYLLABLES: &[&str] =
        &["quy", "hoạch", "tỉnh", "năm", "2026", "kế", "báo", "cáo", "ngân", "sách", "đầu", "tư"];

    /// A paragraph to be: syllables, and (most of the time) a numbered token at a position.
    #[derive(Clone, Debug)]
    struct Spec {
        syllables: Vec<usize>,
        token: Option<Index>,
    }

    fn spec() -> impl Strategy<Value = Spec> {
        (proptest::collection::vec(0..SYLLABLES.len(), 1..10), proptest::option::weighted(0.8, any::<Index>()))
            .prop_map(|(syllables, token)| Spec { syllables, token })
    }

    type Para = Vec<(u32, String)>;

    /// Gives out word ids and numbered tokens, each once.
    #[derive(Default)]
    struct Ids {
        word: u32,
        token: u32,
    }

    impl Ids {
        fn word(&mut self, text: String) -> (u32, String) {
            self.word += 1;
            (self.word, text)
        }

        fn para(&mut self, s: &Spec) -> Para {
            let mut texts: Vec<String> = s.syllables.iter().map(|&i| SYLLABLES[i].to_owned()).collect();
            if let Some(at) = s.token {
                self.token += 1;
                texts.insert(at.index(texts.len() + 1), format!("{}/NQ-HĐND", self.token));
            }
            texts.into_iter().map(|t| self.word(t)).collect()
        }
    }

    #[derive(Clone, Debug)]
    enum Edit {
        /// A new paragraph at a page and position.
        Insert(Index, Index, Spec),
        /// A copy of the span's words (new ids), between some syllables, as a new paragraph.
        Copy(Index, Index, Vec<usize>, Vec<usize>),
        /// Delete a paragraph, unless it holds the span.
        Delete(Index, Index),
        /// A new empty page.
        NewPage(Index),
        SwapPages(Index, Index),
        /// Move the span's paragraph to a page and position.
        MoveSpan(Index, Index),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let syllables = || proptest::collection::vec(0..SYLLABLES.len(), 0..4);
        prop_oneof![
            (any::<Index>(), any::<Index>(), spec()).prop_map(|(p, a, s)| Edit::Insert(p, a, s)),
            (any::<Index>(), any::<Index>(), syllables(), syllables()).prop_map(|(p, a, b, c)| Edit::Copy(p, a, b, c)),
            (any::<Index>(), any::<Index>()).prop_map(|(p, a)| Edit::Delete(p, a)),
            any::<Index>().prop_map(Edit::NewPage),
            (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapPages(a, b)),
            (any::<Index>(), any::<Index>()).prop_map(|(p, a)| Edit::MoveSpan(p, a)),
        ]
    }

    /// A document of paragraphs, one span in it to annotate, and its quote.
    struct Case {
        doc: Vec<Vec<Para>>,
        span: Vec<u32>,
        exact: Vec<String>,
        quote: Quote,
        ids: Ids,
    }

    fn case(specs: &[Vec<Spec>], para: Index, start: Index, len: usize) -> Option<Case> {
        let mut ids = Ids::default();
        let doc: Vec<Vec<Para>> = specs.iter().map(|p| p.iter().map(|s| ids.para(s)).collect()).collect();
        let all: Vec<(usize, usize)> =
            doc.iter().enumerate().flat_map(|(p, paras)| (0..paras.len()).map(move |i| (p, i))).collect();
        if all.is_empty() {
            return None;
        }
        let (p, i) = all[para.index(all.len())];
        let words = &doc[p][i];
        let start = start.index(words.len());
        let len = len.min(words.len() - start);
        let span: Vec<u32> = words[start..start + len].iter().map(|w| w.0).collect();
        let exact: Vec<String> = words[start..start + len].iter().map(|w| w.1.clone()).collect();
        let offset: usize = doc[p][..i].iter().map(Vec::len).sum();
        let page: Vec<&str> = doc[p].iter().flatten().map(|w| w.1.as_str()).collect();
        let quote = quote(&page, offset + start, len);
        Some(Case { doc, span, exact, quote, ids })
    }

    fn span_para(doc: &[Vec<Para>], first: u32) -> (usize, usize) {
        for (p, paras) in doc.iter().enumerate() {
            if let Some(i) = paras.iter().position(|para| para.iter().any(|w| w.0 == first)) {
                return (p, i);
            }
        }
        unreachable!("the span's paragraph is kept")
    }

    fn apply(c: &mut Case, e: &Edit) {
        let pages = c.doc.len();
        match e {
            Edit::Insert(p, at, s) => {
                let para = c.ids.para(s);
                let page = &mut c.doc[p.index(pages)];
                page.insert(at.index(page.len() + 1), para);
            }
            Edit::Copy(p, at, before, after) => {
                let texts = before.iter().map(|&i| SYLLABLES[i].to_owned()).chain(c.exact.iter().cloned());
                let texts: Vec<String> = texts.chain(after.iter().map(|&i| SYLLABLES[i].to_owned())).collect();
                let para: Para = texts.into_iter().map(|t| c.ids.word(t)).collect();
                let page = &mut c.doc[p.index(pages)];
                page.insert(at.index(page.len() + 1), para);
            }
            Edit::Delete(p, at) => {
                let page = &mut c.doc[p.index(pages)];
                if !page.is_empty() {
                    let i = at.index(page.len());
                    if !page[i].iter().any(|w| w.0 == c.span[0]) {
                        page.remove(i);
                    }
                }
            }
            Edit::NewPage(at) => c.doc.insert(at.index(pages + 1), Vec::new()),
            Edit::SwapPages(a, b) => c.doc.swap(a.index(pages), b.index(pages)),
            Edit::MoveSpan(p, at) => {
                let (from, i) = span_para(&c.doc, c.span[0]);
                let para = c.doc[from].remove(i);
                let page = &mut c.doc[p.index(pages)];
                page.insert(at.index(page.len() + 1), para);
            }
        }
    }

    /// The pages' words, and their ids.
    fn flatten(doc: &[Vec<Para>]) -> (Vec<Vec<String>>, Vec<Vec<u32>>) {
        let words = doc.iter().map(|p| p.iter().flatten().map(|w| w.1.clone()).collect()).collect();
        let ids = doc.iter().map(|p| p.iter().flatten().map(|w| w.0).collect()).collect();
        (words, ids)
    }

    /// Every place the words occur, found the plain way.
    fn naive_occurrences(pages: &[Vec<String>], exact: &[String]) -> Vec<Placement> {
        let mut all = Vec::new();
        for (p, words) in pages.iter().enumerate() {
            for start in 0..(words.len() + 1).saturating_sub(exact.len()) {
                if !exact.is_empty() && words[start..start + exact.len()] == *exact {
                    all.push(Placement { page: p as u32, start, len: exact.len() });
                }
            }
        }
        all
    }

    /// Whether all of the quote's context is found around `p`.
    fn full_context(pages: &[Vec<String>], p: Placement, q: &Quote) -> bool {
        let words = &pages[p.page as usize];
        let prefix: Vec<&str> = q.prefix.split_whitespace().collect();
        let suffix: Vec<&str> = q.suffix.split_whitespace().collect();
        let end = p.start + p.len;
        p.start >= prefix.len()
            && words[p.start - prefix.len()..p.start].iter().zip(&prefix).all(|(w, x)| w == x)
            && words.len() >= end + suffix.len()
            && words[end..end + suffix.len()].iter().zip(&suffix).all(|(w, x)| w == x)
    }

    fn docs() -> impl Strategy<Value = Vec<Vec<Spec>>> {
        proptest::collection::vec(proptest::collection::vec(spec(), 0..5), 1..6)
    }

    proptest! {
        // Cheap, and the cases that matter (a partial match inside a partial match) are rare.
        #![proptest_config(ProptestConfig::with_cases(4096))]
        /// The scan finds every occurrence, overlapping ones too, as a plain search does.
        #[test]
        fn the_scan_finds_what_a_plain_search_finds(
            words in proptest::collection::vec(0..2usize, 0..40),
            needle in proptest::collection::vec(0..2usize, 1..8),
        ) {
            let words: Vec<String> = words.iter().map(|&i| SYLLABLES[i].to_owned()).collect();
            let needle: Vec<String> = needle.iter().map(|&i| SYLLABLES[i].to_owned()).collect();
            let refs: Vec<&str> = needle.iter().map(String::as_str).collect();
            let plain: Vec<usize> =
                naive_occurrences(std::slice::from_ref(&words), &needle).iter().map(|p| p.start).collect();
            prop_assert_eq!(occurrences(&words, &refs, &borders(&refs)), plain);
        }
    }

    proptest! {
        /// Edits that keep the span's text: it is found where it went whenever its context
        /// still tells it apart, and nothing with other words is ever returned.
        #[test]
        fn annotations_follow_their_text_through_new_versions(
            specs in docs(),
            para in any::<Index>(),
            start in any::<Index>(),
            len in 1..6usize,
            edits in proptest::collection::vec(edit(), 0..8),
            hint in any::<Index>(),
        ) {
            let Some(mut c) = case(&specs, para, start, len) else { return Ok(()) };
            for e in &edits {
                apply(&mut c, e);
            }
            let (pages, ids) = flatten(&c.doc);
            let (p, i) = ids.iter().enumerate()
                .find_map(|(p, ids)| ids.iter().position(|&id| id == c.span[0]).map(|i| (p, i)))
                .expect("the span is kept");
            prop_assert_eq!(&ids[p][i..i + c.span.len()], c.span.as_slice(), "the span stays whole");
            let truth = Placement { page: p as u32, start: i, len: c.span.len() };

            let found = locate(&c.quote, hint.index(pages.len() + 1) as u32, &pages);
            if let Some(f) = found {
                prop_assert_eq!(covered(&pages, f), c.exact.iter().map(String::as_str).collect::<Vec<_>>());
            }
            let all = naive_occurrences(&pages, &c.exact);
            let alone = all.len() == 1;
            let told_apart = full_context(&pages, truth, &c.quote)
                && all.iter().all(|&o| o == truth || !full_context(&pages, o, &c.quote));
            if alone || told_apart {
                prop_assert_eq!(found, Some(truth), "{:?} in {:?}", c.quote, pages);
            }
        }

        /// The span's paragraph is deleted: where its words are nowhere else, it is not
        /// placed; where they are, only on those words.
        #[test]
        fn deleted_text_is_not_placed(
            specs in docs(),
            para in any::<Index>(),
            start in any::<Index>(),
            len in 1..12usize,
            edits in proptest::collection::vec(edit(), 0..4),
            hint in any::<Index>(),
        ) {
            let Some(mut c) = case(&specs, para, start, len) else { return Ok(()) };
            for e in &edits {
                apply(&mut c, e);
            }
            let (p, i) = span_para(&c.doc, c.span[0]);
            c.doc[p].remove(i);
            let (pages, _) = flatten(&c.doc);
            let found = locate(&c.quote, hint.index(pages.len() + 1) as u32, &pages);
            match found {
                None => {}
                Some(f) => prop_assert_eq!(covered(&pages, f), c.exact.iter().map(String::as_str).collect::<Vec<_>>()),
            }
            if naive_occurrences(&pages, &c.exact).is_empty() {
                prop_assert_eq!(found, None);
            }
        }

        /// Any quote in any document: a placement covers exactly the quote's words, and words
        /// that occur once are always found.
        #[test]
        fn placements_cover_exactly_the_quoted_words(
            pages in proptest::collection::vec(proptest::collection::vec(0..5usize, 0..30), 0..5),
            other in proptest::collection::vec(0..5usize, 0..30),
            source in proptest::option::of(any::<Index>()),
            start in any::<Index>(),
            len in 1..6usize,
            hint in 0..7u32,
        ) {
            let pages: Vec<Vec<String>> =
                pages.iter().map(|p| p.iter().map(|&i| SYLLABLES[i].to_owned()).collect()).collect();
            // Quoted from one of the pages (most of the time) or from some other text.
            let from: Vec<&str> = match source {
                Some(i) if !pages.is_empty() => pages[i.index(pages.len())].iter().map(String::as_str).collect(),
                _ => other.iter().map(|&i| SYLLABLES[i]).collect(),
            };
            // Now and then a start past the end.
            let start = start.index(from.len() + 2);
            let anchor = quote(&from, start, len);
            let exact: Vec<String> = anchor.exact.split_whitespace().map(str::to_owned).collect();
            prop_assert_eq!(exact.len(), len.min(from.len().saturating_sub(start)));
            prop_assert!(anchor.prefix.split_whitespace().count() <= CONTEXT_WORDS);
            prop_assert!(anchor.suffix.split_whitespace().count() <= CONTEXT_WORDS);
            prop_assert_eq!(check(&anchor), Ok(()));

            let found = locate(&anchor, hint, &pages);
            if let Some(f) = found {
                prop_assert!(!exact.is_empty());
                prop_assert_eq!(covered(&pages, f), exact.iter().map(String::as_str).collect::<Vec<_>>());
            }
            let all = naive_occurrences(&pages, &exact);
            if all.len() == 1 {
                prop_assert_eq!(found, Some(all[0]));
            }
            if all.is_empty() {
                prop_assert_eq!(found, None);
            }
        }
    }
}
