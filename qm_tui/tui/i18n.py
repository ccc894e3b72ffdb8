"""User-interface text in Swedish (the default) and English; the code itself stays in English.

Plain dicts, one per language, looked up by key. No Textual import, so the CLI and the tests can
use it cheaply. Every key in `sv` exists in `en` (a test checks it).
"""

from __future__ import annotations

from ..core.filesystem.os_errors import error_kind
from ..core.settings.ui_language import detect_lang

__all__ = ["EN", "STRINGS", "SV", "Texts", "detect_lang"]

SV: dict[str, str] = {
    "app.title": "QM-intervjuer",
    # Interview list
    "list.subtitle": "Intervjuer",
    "list.search": "Sök bland namn, organisationer och svar …",
    "list.col.date": "Datum",
    "list.col.name": "Namn",
    "list.col.organisation": "Organisation",
    "list.col.status": "Status",
    "list.col.progress": "Besvarat",
    "list.empty": (
        "Inga intervjuer ännu.\n\nTryck [b]n[/b] för att starta en ny intervju, "
        "eller importera med [b]qm-tui import FIL[/b]."
    ),
    "list.no_match": "Inga intervjuer matchar ”{query}”.",
    "list.no_status": "Inga intervjuer har status {status} (f byter filter).",
    "list.no_match_status": "Inga intervjuer med status {status} matchar ”{query}”.",
    "list.count": "{shown} av {total} intervjuer",
    "list.loading": "Läser intervjuer …",
    "list.delete_confirm": "Flytta intervjun med {who} till papperskorgen?",
    "list.deleted": "Flyttade {who} till papperskorgen (ångra med t, r).",
    "status.draft": "utkast",
    "status.complete": "klar",
    "noname": "(namnlös)",
    # Key descriptions (Footer, command palette)
    "key.new": "Ny",
    "key.new.tip": "Starta en ny intervju",
    "key.open": "Öppna",
    "key.open.tip": "Öppna den valda intervjun",
    "key.search": "Sök",
    "key.search.tip": "Sök bland namn, organisationer och svar",
    "key.delete": "Radera",
    "key.delete.tip": "Flytta den valda intervjun till papperskorgen",
    "key.trash": "Papperskorg",
    "key.trash.tip": "Visa raderade intervjuer och återställ dem",
    "key.export_md": "Exportera",
    "key.export_md.tip": "Exportera den valda intervjun som Markdown",
    "key.quit": "Avsluta",
    "key.quit.tip": "Spara och avsluta programmet",
    "key.next": "Nästa",
    "key.next.tip": "Gå till nästa steg",
    "key.prev": "Föregående",
    "key.prev.tip": "Gå till föregående steg",
    "key.save": "Spara",
    "key.save.tip": "Spara nu",
    "key.preview": "Granska",
    "key.preview.tip": "Visa artikeln som den exporteras",
    "key.export": "Exportera",
    "key.export.tip": "Exportera artikeln som Markdown, HTML, text och Word",
    "key.back": "Tillbaka",
    "key.back.tip": "Spara och gå tillbaka till listan",
    "key.spelling": "Stavning",
    "key.spelling.tip": "Felstavade ord i fältet, med förslag",
    "spelling.no_field": "Stavningskontrollen gäller svaren: gå till en fråga och tryck F7.",
    "review.spelling.ok": "Stavning: inga felstavade ord hittades.",
    "review.spelling.found": "Stavning: {n} ord att se över (F7 i fältet ger förslag):",
    "review.spelling.word": "  {word} ({field}, rad {line})",
    "review.spelling.off": "Stavningskontrollen är avstängd: {error}",
    "key.history": "Historik",
    "key.history.tip": "Visa tidigare versioner av fältet och återställ en",
    "key.editor": "Extern editor",
    "key.editor.tip": "Redigera svaret i $EDITOR",
    "key.restore": "Återställ",
    "key.restore.tip": "Återställ den valda intervjun",
    "key.close_menu": "Stäng listan",
    "key.close_menu.tip": "I en öppen rullgardinslista: stäng listan",
    "key.close": "Stäng",
    "key.pick": "Välj citat",
    "key.yes": "Ja",
    "key.no": "Nej",
    "cmd.open_interview": "Öppna intervju",
    # Editor
    "step.person": "Person",
    "step.question": "Fråga {n}",
    "step.quote": "Citat",
    "step.review": "Granska",
    "progress.person": "Person · steg 1 av {steps}",
    "progress.question": "Fråga {n} av {total}",
    "progress.quote": "Citat · steg {step} av {steps}",
    "progress.review": "Granska · steg {step} av {steps}",
    "field.name": "Namn",
    "field.title": "Titel",
    "field.organisation": "Organisation",
    "field.date": "Datum (ÅÅÅÅ-MM-DD)",
    "field.interviewer": "Intervjuare",
    "field.quote": "Citat (lyfts fram i artikeln)",
    "field.quote.placeholder": "Skriv ett eget citat eller välj en mening nedan",
    "date.invalid": "Datumet ska skrivas ÅÅÅÅ-MM-DD; det senaste giltiga datumet sparas.",
    "words": "{n} ord",
    "words.one": "1 ord",
    "quote.candidates": "Meningar ur svaren (tabb hit, sedan 1–9, eller pilar och enter):",
    "quote.none": "Inga meningar ännu – svara på frågorna först, eller skriv ett eget citat.",
    "review.warn.answer": "Fråga {n} saknar svar.",
    "review.warn.quote": "Citat saknas.",
    "review.warn.name": "Namn saknas.",
    "review.ok": "Allt är ifyllt. Exportera med ctrl+o.",
    "review.export": "Exportera (Markdown, HTML, text och Word)",
    "save.unsaved": "Osparade ändringar",
    "save.saving": "Sparar …",
    "save.saved": "Sparad {time}",
    "save.error": "Kunde inte spara – försöker igen",
    "save.failed": "Kunde inte spara: {error}. Texten finns kvar; nytt försök om {seconds} s.",
    "save.conflict": (
        "Ett annat fönster ändrade den här intervjun samtidigt. Din text sparades; "
        "den andra versionen finns i historiken (F2)."
    ),
    "save.recreated": (
        "Intervjun hade raderats i ett annat fönster. Din text sparades som en ny intervju."
    ),
    "save.leave_anyway": "Kunde inte spara: {error}\n\nLämna ändå? Osparad text går förlorad.",
    "save.quit_anyway": "Kunde inte spara: {error}\n\nAvsluta ändå? Osparad text går förlorad.",
    "exported": "Exporterade till {paths}",
    "export.failed": "Kunde inte exportera: {error}",
    "editor.unsupported": "Extern editor fungerar inte i den här terminalen.",
    "editor.failed": "Kunde inte starta {editor}: {error}",
    "editor.missing": "Kunde inte starta {editor}: programmet finns inte ($VISUAL, $EDITOR).",
    "editor.exit": "{editor} avslutades med fel (kod {code}); texten är oförändrad.",
    "editor.bad_command": "Kan inte läsa editorkommandot {editor}: {error}",
    "editor.no_file": "Editorn lämnade ingen fil efter sig; texten är oförändrad.",
    "editor.not_utf8": "Filen var inte sparad som UTF-8; den lästes som Latin-1.",
    "editor.controls_removed_back": "Styrtecken i texten från editorn togs bort.",
    "editor.no_field": "Det finns ingen längre text att redigera i det här steget.",
    "history.title": "Tidigare versioner: {field}",
    "history.empty": "Det här fältet har inga tidigare versioner ännu.",
    "history.hint": (
        "Enter återställer den valda versionen (den nuvarande hamnar i historiken). Esc stänger."
    ),
    "history.restored": "Återställde versionen från {time}.",
    "history.field.answer": "svar {n}",
    "history.none_here": ("Välj ett fält (svar, citat eller personuppgift) för att se historiken."),
    # Trash
    "trash.subtitle": "Papperskorg",
    "trash.col.deleted": "Raderad",
    "trash.empty": "Papperskorgen är tom.",
    "trash.restored": "Återställde {who}.",
    # Textual's own palette commands
    "sys.Theme": "Tema|Byt färgtema",
    "sys.Keys": "Tangenter|Visa eller dölj hjälpen för tangenterna",
    "sys.Maximize": "Maximera|Maximera det markerade fältet",
    "sys.Minimize": "Återställ storlek|Visa fältet i normal storlek igen",
    "sys.Screenshot": "Skärmbild|Spara en SVG-skärmbild av skärmen",
    # Errors
    "error.store": "Fel i databasen: {error}",
    "error.pdf": (
        "{path}: en PDF kan inte läsas tillbaka; spara eller skicka den granskade artikeln som "
        "Word-dokument (.docx), eller kopiera texten till en .txt-fil"
    ),
    "error.odt": (
        "{path}: en OpenDocument-fil (.odt) kan inte läsas tillbaka (de spårade ändringarna "
        "skulle gå förlorade); öppna den i LibreOffice eller Word och spara som "
        "Word-dokument (.docx)"
    ),
    "error.docx_kind": (
        "{path}: en Word-mall eller ett dokument med makron; spara som Word-dokument (.docx)"
    ),
    "export.controls_removed": "Styrtecken i intervjun utelämnades ur artikeln.",
    "sets.skipped": "Frågeuppsättningen hoppades över: {error}",
    "store.skipped": "Kunde inte läsas och visas inte (filen lämnas orörd): {summary}",
    "editor.controls_removed": (
        "Styrtecken togs bort ur texten (de kan inte visas eller publiceras); "
        "den tidigare texten finns i historiken (F2)."
    ),
    # Added for issue 9: statuses, sets, boxes, notes, help, errors
    "status.approved": "granskad",
    "status.published": "publicerad",
    "list.col.id": "Id",
    "list.status_set": "{who} är nu {status}.",
    "key.status": "Status",
    "key.status.tip": "Byt status: utkast, klar, granskad, publicerad",
    "key.filter": "Filter",
    "key.filter.tip": "Visa bara intervjuer med en viss status",
    "key.help": "Hjälp",
    "key.help.tip": "Visa alla tangenter",
    "key.add_question": "Ny fråga",
    "key.add_question.tip": "Lägg till en fråga efter den här",
    "key.remove_question": "Ta bort fråga",
    "key.remove_question.tip": "Ta bort den här frågan och dess svar",
    "step.boxes": "Fakta/kontakt",
    "step.notes": "Anteckningar",
    "progress.boxes": "Fakta och kontakt · steg {step} av {steps}",
    "progress.notes": "Anteckningar · steg {step} av {steps}",
    "field.question_set": "Frågor",
    "field.status": "Status",
    "field.facts.heading": "Faktarutans rubrik",
    "field.facts.text": "Faktarutans text",
    "field.contact.heading": "Kontaktrutans rubrik",
    "field.contact.name": "Kontaktperson",
    "field.contact.title": "Kontaktpersonens titel",
    "field.contact.email": "E-post",
    "field.contact.note": "Avslutande rad",
    "field.private_notes": "Anteckningar (egna, exporteras aldrig, går att söka i)",
    "boxes.reset": "Återställ till frågeuppsättningens text",
    "boxes.unknown_set": "Frågeuppsättningen {set} finns inte; rutorna lämnades som de är.",
    "boxes.reset_done": "Fakta- och kontaktrutorna har frågeuppsättningens text igen.",
    "key.reset_boxes": "Återställ rutor",
    "key.reset_boxes.tip": "Ge fakta- och kontaktrutorna frågeuppsättningens text igen",
    "key.set_status": "Byt status",
    "key.set_status.tip": "Byt status: utkast/klar, granskad, publicerad",
    "status.auto": "Utkast och klar följer vad som är ifyllt: intervjun är {status}.",
    "question.not_here": "Gå till en fråga för att ta bort den (F9).",
    "set.locked": "Frågorna kan inte bytas när ett svar är skrivet.",
    "notes.import_warnings": "Importen varnade:",
    "notes.set_aside": "Text som importen inte kunde placera (visas inte i artikeln):",
    "notes.banner": "⚠ Anmärkningar från importen: {n} – se steget Anteckningar.",
    "question.new": "Ny fråga?",
    "question.remove_confirm": "Ta bort fråga {n} och dess svar?",
    "question.last": "En intervju behöver minst en fråga.",
    "palette.placeholder": "Sök kommandon …",
    "key.palette": "Kommandon",
    "palette.no_matches": "Inga kommandon matchar ”{query}”",
    "key.palette.tip": "Öppna kommandopaletten",
    "quit.hint": "Tryck {keys} för att avsluta",
    "quit.title": "Vill du avsluta?",
    "help.title": "Tangenter",
    "help.list": "Listan",
    "help.editor": "Redigeraren",
    "help.everywhere": "Överallt",
    "help.tab": "Nästa fält; från sista fältet: nästa steg",
    "help.shift_tab": "Föregående fält; från första fältet: föregående steg",
    "help.enter": "I ett enradsfält: nästa fält",
    "help.pick": "I citatsteget: välj en mening ur svaren",
    "help.f1": "Den här hjälpen",
    "help.palette": "Kommandopaletten: sök bland alla kommandon",
    "help.quit": "Spara och avsluta",
    "save.lost": (
        "Ett annat fönster sparade en annan text i den här intervjun efter dig. "
        "Tryck ctrl+l för att läsa in den sparade versionen; din text finns i historiken (F2)."
    ),
    "key.reload": "Läs in",
    "key.reload.tip": "Läs in den sparade versionen från det andra fönstret",
    "error.save.read_only": "kan inte spara till {path}: filen är skrivskyddad",
    "error.save.disk_full": "kan inte spara till {path}: disken är full",
    "error.save.permission": (
        "kan inte spara till {path}: åtkomst nekad (skrivskyddad fil eller mapp)"
    ),
    "error.save.other": "kan inte spara till {path}: {reason}",
    "error.export.special": (
        "kan inte exportera till {path}: det är ingen vanlig fil (en mapp, FIFO eller enhet); "
        "ta bort den eller exportera någon annanstans"
    ),
    "error.export.empty_folder": "exportmappens namn är tomt: ange en mapp",
    "error.read.permission": "kan inte läsa {path}: åtkomst nekad",
    "error.read.disk_full": "kan inte läsa {path}: {reason}",
    "error.read.other": "kan inte läsa {path}: {reason}",
    "error.lock.permission": "kan inte låsa {path}: åtkomst nekad (mappen måste vara skrivbar)",
    "error.lock.disk_full": "kan inte låsa {path}: disken är full",
    "error.lock.other": "kan inte låsa {path}: {reason}",
    "error.set.unknown": "okänd frågeuppsättning ”{set}” (från {source}); kända: {known}",
    "error.set.locked": "frågorna kan inte bytas när ett svar är skrivet",
    "error.busy": (
        "{path} är upptagen: en annan qm-tui har skrivit i den i {seconds} s; försök igen"
    ),
    # Import a corrected article onto an interview (issue 10, from the list)
    "field.conflict": "ändrad på två ställen, den andra versionen finns i F2",
    "history.other_copy": "[den andra versionen]",
    "field.conflict.banner": (
        "Ändrat på två ställen: {fields}. Den senare ändringen visas; den andra versionen "
        "finns i fältets historik (F2)."
    ),
    "key.sync": "Synka",
    "key.sync.tip": "Synka med git: spara, hämta, slå ihop, skicka",
    "key.merge_copy": "Slå ihop kopia",
    "key.merge_copy.tip": "Slå ihop en konfliktkopia från synkmappen med databasen",
    "sync.running": "Synkar …",
    "sync.done": "Synkat med {remote}. Kom in: {came} ändring(ar). Gick ut: {went} commit(s).",
    "sync.failed": "Kunde inte synka: {error}",
    "error.sync.no_git": "git är inte installerat: installera git för att synka via ett repository",
    "error.sync.not_a_repository": (
        "{folder} är inget git-repository. Lägg databasen i ett git-repository med en remote, "
        "eller dela den på annat sätt"
    ),
    "error.sync.no_remote": (
        "repositoryt har ingen remote att synka med (git remote add origin URL)"
    ),
    "error.sync.unreachable": "{remote} går inte att nå just nu; försök igen senare",
    "error.sync.push_rejected": (
        "{remote} tog inte emot ändringarna. De är sparade här; synka igen senare"
    ),
    "error.sync.no_identity": (
        "git vet inte vem du är: ange namn och e-post (git config --global user.name och "
        "user.email)"
    ),
    "merge.failed": "Kunde inte slå ihop: {error}",
    "merge.conflicts": (
        "{n} fält ändrades på två ställen; den senare ändringen gäller, den andra versionen "
        "finns i fältets historik (F2):"
    ),
    "copies.found": (
        "Synkmappen har lagt en konfliktkopia av databasen bredvid den: {name}. "
        "Tryck m för att slå ihop den."
    ),
    "copies.none": "Det finns ingen konfliktkopia bredvid databasen.",
    "copies.confirm": (
        "Slå ihop {name} med databasen? Inget går förlorat: det som ändrats på båda ställena "
        "finns kvar i historiken."
    ),
    "copies.merged": "Slog ihop {name}: {summary}. Kopian kan nu tas bort.",
    "key.update": "Rättad artikel",
    "key.update.tip": "Läs in en rättad artikel (docx, txt eller md) i den valda intervjun",
    "update.title": "Rättad artikel till {who}",
    "update.path": "Sökväg till den rättade artikeln (docx, txt, md); enter visar ändringarna:",
    "update.empty_path": "Skriv sökvägen till filen.",
    "update.none": "Artikeln ändrar ingenting i intervjun.",
    "update.changes": "{n} fält ändras ([-borttaget-]{{+tillagt+}}):",
    "update.warnings": "Varningar:",
    "update.save": "Spara ändringarna",
    "update.failed": "Kunde inte läsa artikeln: {error}",
    "update.saved": "Uppdaterade {who}: {n} fält (de tidigare värdena finns i historiken).",
    "update.saved_comments": "{n} nya kommentarer finns i redigeraren vid sina fält.",
    "update.tracked": (
        "Spårade ändringar (mellanslag: godta eller avvisa en; a: godta alla; r: avvisa alla):"
    ),
    "update.comments": "{n} nya kommentarer (sparas med intervjun, exporteras aldrig):",
    "update.other": "Filen verkar höra till en annan intervju: {problem}",
    "update.other_confirm": (
        "Filen verkar höra till en annan intervju: {problem}. Spara ändringarna ändå?"
    ),
    "key.accept_all": "Godta alla",
    "review.comment": "kommentar",
    "review.reply": "svar",
    "review.resolved": "löst",
    "tracked.inserted": "infogat",
    "tracked.deleted": "borttaget",
    "tracked.moved here": "flyttat hit",
    "tracked.moved away": "flyttat härifrån",
    "key.reject_all": "Avvisa alla",
    "history.field.question": "fråga {n}",
    "field.article": "Artikeln (inget fält)",
    "field.notes": "Anteckningar från importen",
    "editor.review": "Kommentarer från granskningen (exporteras aldrig):",
}

EN: dict[str, str] = {
    "app.title": "QM interviews",
    "list.subtitle": "Interviews",
    "list.search": "Search names, organisations and answers …",
    "list.col.date": "Date",
    "list.col.name": "Name",
    "list.col.organisation": "Organisation",
    "list.col.status": "Status",
    "list.col.progress": "Answered",
    "list.empty": (
        "No interviews yet.\n\nPress [b]n[/b] to start a new interview, "
        "or import with [b]qm-tui import FILE[/b]."
    ),
    "list.no_match": "No interviews match “{query}”.",
    "list.no_status": "No interviews have the status {status} (f changes the filter).",
    "list.no_match_status": "No {status} interviews match “{query}”.",
    "list.count": "{shown} of {total} interviews",
    "list.loading": "Reading interviews …",
    "list.delete_confirm": "Move the interview with {who} to the trash?",
    "list.deleted": "Moved {who} to the trash (undo with t, r).",
    "status.draft": "draft",
    "status.complete": "complete",
    "noname": "(no name)",
    "key.new": "New",
    "key.new.tip": "Start a new interview",
    "key.open": "Open",
    "key.open.tip": "Open the selected interview",
    "key.search": "Search",
    "key.search.tip": "Search names, organisations and answers",
    "key.delete": "Delete",
    "key.delete.tip": "Move the selected interview to the trash",
    "key.trash": "Trash",
    "key.trash.tip": "Show deleted interviews and restore them",
    "key.export_md": "Export",
    "key.export_md.tip": "Export the selected interview as Markdown",
    "key.quit": "Quit",
    "key.quit.tip": "Save and quit",
    "key.next": "Next",
    "key.next.tip": "Go to the next step",
    "key.prev": "Previous",
    "key.prev.tip": "Go to the previous step",
    "key.save": "Save",
    "key.save.tip": "Save now",
    "key.preview": "Preview",
    "key.preview.tip": "Show the article as it will be exported",
    "key.export": "Export",
    "key.export.tip": "Export the article as Markdown, HTML, text and Word",
    "key.back": "Back",
    "key.back.tip": "Save and go back to the list",
    "key.spelling": "Spelling",
    "key.spelling.tip": "Misspelt words in the field, with suggestions",
    "spelling.no_field": "Spell checking covers the answers: go to a question and press F7.",
    "review.spelling.ok": "Spelling: no misspelt words found.",
    "review.spelling.found": "Spelling: {n} word(s) to look at (F7 in the field suggests):",
    "review.spelling.word": "  {word} ({field}, line {line})",
    "review.spelling.off": "Spell checking is off: {error}",
    "key.history": "History",
    "key.history.tip": "Show earlier versions of the field and restore one",
    "key.editor": "External editor",
    "key.editor.tip": "Edit the answer in $EDITOR",
    "key.restore": "Restore",
    "key.restore.tip": "Restore the selected interview",
    "key.close_menu": "Close the list",
    "key.close_menu.tip": "In an open dropdown: close the list",
    "key.close": "Close",
    "key.pick": "Pick quote",
    "key.yes": "Yes",
    "key.no": "No",
    "cmd.open_interview": "Open interview",
    "step.person": "Person",
    "step.question": "Question {n}",
    "step.quote": "Quote",
    "step.review": "Review",
    "progress.person": "Person · step 1 of {steps}",
    "progress.question": "Question {n} of {total}",
    "progress.quote": "Quote · step {step} of {steps}",
    "progress.review": "Review · step {step} of {steps}",
    "field.name": "Name",
    "field.title": "Title",
    "field.organisation": "Organisation",
    "field.date": "Date (YYYY-MM-DD)",
    "field.interviewer": "Interviewer",
    "field.quote": "Pull quote (highlighted in the article)",
    "field.quote.placeholder": "Type your own quote or pick a sentence below",
    "date.invalid": "Write the date as YYYY-MM-DD; the last valid date is saved.",
    "words": "{n} words",
    "words.one": "1 word",
    "quote.candidates": "Sentences from the answers (tab here, then 1–9, or arrows and enter):",
    "quote.none": "No sentences yet – answer the questions first, or type your own quote.",
    "review.warn.answer": "Question {n} has no answer.",
    "review.warn.quote": "The quote is missing.",
    "review.warn.name": "The name is missing.",
    "review.ok": "Everything is filled in. Export with ctrl+o.",
    "review.export": "Export (Markdown, HTML, text and Word)",
    "save.unsaved": "Unsaved changes",
    "save.saving": "Saving …",
    "save.saved": "Saved {time}",
    "save.error": "Could not save – retrying",
    "save.failed": "Could not save: {error}. The text is kept; retrying in {seconds} s.",
    "save.conflict": (
        "Another window changed this interview at the same time. Your text was saved; "
        "the other version is in the history (F2)."
    ),
    "save.recreated": (
        "The interview had been deleted in another window. Your text was saved as a new one."
    ),
    "save.leave_anyway": "Could not save: {error}\n\nLeave anyway? Unsaved text will be lost.",
    "save.quit_anyway": "Could not save: {error}\n\nQuit anyway? Unsaved text will be lost.",
    "exported": "Exported to {paths}",
    "export.failed": "Could not export: {error}",
    "editor.unsupported": "An external editor is not supported in this terminal.",
    "editor.failed": "Could not start {editor}: {error}",
    "editor.missing": "Could not start {editor}: no such program ($VISUAL, $EDITOR).",
    "editor.exit": "{editor} exited with an error (code {code}); the text is unchanged.",
    "editor.bad_command": "Cannot read the editor command {editor}: {error}",
    "editor.no_file": "The editor left no file behind; the text is unchanged.",
    "editor.not_utf8": "The file was not saved as UTF-8; it was read as Latin-1.",
    "editor.controls_removed_back": "Control characters in the text from the editor were removed.",
    "editor.no_field": "There is no long text to edit in this step.",
    "history.title": "Earlier versions: {field}",
    "history.empty": "This field has no earlier versions yet.",
    "history.hint": (
        "Enter restores the selected version (the current one goes into the history). Esc closes."
    ),
    "history.restored": "Restored the version from {time}.",
    "history.field.answer": "answer {n}",
    "history.none_here": (
        "Choose a field (an answer, the quote or a person field) to see its history."
    ),
    "trash.subtitle": "Trash",
    "trash.col.deleted": "Deleted",
    "trash.empty": "The trash is empty.",
    "trash.restored": "Restored {who}.",
    "sys.Theme": "Theme|Change the colour theme",
    "sys.Keys": "Keys|Show or hide the help for the keys",
    "sys.Maximize": "Maximize|Maximize the focused field",
    "sys.Minimize": "Minimize|Show the field at its normal size again",
    "sys.Screenshot": "Screenshot|Save an SVG screenshot of the screen",
    "error.store": "Database error: {error}",
    "error.pdf": (
        "{path}: a PDF cannot be read back; save or send the reviewed article as a Word document "
        "(.docx), or copy its text into a .txt file"
    ),
    "error.odt": (
        "{path}: an OpenDocument text (.odt) cannot be read back (its tracked changes would be "
        "lost); open it in LibreOffice or Word and save it as a Word document (.docx)"
    ),
    "error.docx_kind": (
        "{path}: a Word template or macro-enabled document; save it as a Word document (.docx)"
    ),
    "export.controls_removed": "Control characters in the interview were left out of the article.",
    "sets.skipped": "Question set skipped: {error}",
    "store.skipped": "Could not be read and is not shown (the file is left as it is): {summary}",
    "editor.controls_removed": (
        "Control characters were removed from the text (they cannot be shown or published); "
        "the earlier text is in the history (F2)."
    ),
    "status.approved": "approved",
    "status.published": "published",
    "list.col.id": "Id",
    "list.status_set": "{who} is now {status}.",
    "key.status": "Status",
    "key.status.tip": "Change the status: draft, complete, approved, published",
    "key.filter": "Filter",
    "key.filter.tip": "Show only interviews with one status",
    "key.help": "Help",
    "key.help.tip": "Show every key",
    "key.add_question": "Add question",
    "key.add_question.tip": "Add a question after this one",
    "key.remove_question": "Remove question",
    "key.remove_question.tip": "Remove this question and its answer",
    "step.boxes": "Facts/contact",
    "step.notes": "Notes",
    "progress.boxes": "Facts and contact · step {step} of {steps}",
    "progress.notes": "Notes · step {step} of {steps}",
    "field.question_set": "Questions",
    "field.status": "Status",
    "field.facts.heading": "Facts box heading",
    "field.facts.text": "Facts box text",
    "field.contact.heading": "Contact box heading",
    "field.contact.name": "Contact person",
    "field.contact.title": "Contact person's title",
    "field.contact.email": "E-mail",
    "field.contact.note": "Closing line",
    "field.private_notes": "Notes (private, never exported, searchable)",
    "boxes.reset": "Reset to the question set's text",
    "boxes.unknown_set": "The question set {set} does not exist; the boxes were left as they are.",
    "boxes.reset_done": "The facts and contact boxes have the question set's text again.",
    "key.reset_boxes": "Reset boxes",
    "key.reset_boxes.tip": "Give the facts and contact boxes the question set's text again",
    "key.set_status": "Change status",
    "key.set_status.tip": "Change the status: draft/complete, approved, published",
    "status.auto": "Draft and complete follow what is filled in: the interview is {status}.",
    "question.not_here": "Go to a question to remove it (F9).",
    "set.locked": "The questions cannot change once an answer is typed.",
    "notes.import_warnings": "The import warned:",
    "notes.set_aside": "Text the import could not place (not shown in the article):",
    "notes.banner": "⚠ Remarks from the import: {n} – see the Notes step.",
    "question.new": "New question?",
    "question.remove_confirm": "Remove question {n} and its answer?",
    "question.last": "An interview needs at least one question.",
    "palette.placeholder": "Search for commands …",
    "key.palette": "Commands",
    "palette.no_matches": "No commands match “{query}”",
    "key.palette.tip": "Open the command palette",
    "quit.hint": "Press {keys} to quit",
    "quit.title": "Do you want to quit?",
    "help.title": "Keys",
    "help.list": "The list",
    "help.editor": "The editor",
    "help.everywhere": "Everywhere",
    "help.tab": "Next field; from the last field: next step",
    "help.shift_tab": "Previous field; from the first field: previous step",
    "help.enter": "In a one-line field: next field",
    "help.pick": "In the quote step: pick a sentence from the answers",
    "help.f1": "This help",
    "help.palette": "The command palette: search every command",
    "help.quit": "Save and quit",
    "save.lost": (
        "Another window saved different text in this interview after you. Press ctrl+l to load "
        "the saved version; your text is in the history (F2)."
    ),
    "key.reload": "Load",
    "key.reload.tip": "Load the version saved by the other window",
    "error.save.read_only": "cannot save to {path}: the file is read-only",
    "error.save.disk_full": "cannot save to {path}: the disk is full",
    "error.save.permission": "cannot save to {path}: permission denied (read-only file or folder)",
    "error.save.other": "cannot save to {path}: {reason}",
    "error.export.special": (
        "cannot export to {path}: it is not a regular file (a folder, FIFO or device); "
        "remove it or export elsewhere"
    ),
    "error.export.empty_folder": "the export folder name is empty: name a folder",
    "error.read.permission": "cannot read {path}: permission denied",
    "error.read.disk_full": "cannot read {path}: {reason}",
    "error.read.other": "cannot read {path}: {reason}",
    "error.lock.permission": "cannot lock {path}: permission denied (the folder must be writable)",
    "error.lock.disk_full": "cannot lock {path}: the disk is full",
    "error.lock.other": "cannot lock {path}: {reason}",
    "error.set.unknown": "unknown question set '{set}' (from {source}); known: {known}",
    "error.set.locked": "the questions cannot change once an answer is typed",
    "error.busy": (
        "{path} is busy: another qm-tui has been writing to it for {seconds} s; try again"
    ),
    # Import a corrected article onto an interview (issue 10, from the list)
    "field.conflict": "changed in two places, the other version is in F2",
    "history.other_copy": "[the other version]",
    "field.conflict.banner": (
        "Changed in two places: {fields}. The later change is shown; the other version is in "
        "the field's history (F2)."
    ),
    "key.sync": "Sync",
    "key.sync.tip": "Sync with git: commit, fetch, merge, push",
    "key.merge_copy": "Merge copy",
    "key.merge_copy.tip": "Join a sync folder's conflict copy into the database",
    "sync.running": "Syncing …",
    "sync.done": "Synced with {remote}. Came in: {came} change(s). Went out: {went} commit(s).",
    "sync.failed": "Could not sync: {error}",
    "error.sync.no_git": "git is not installed: install git to sync through a repository",
    "error.sync.not_a_repository": (
        "{folder} is not a git repository. Put the database in a git work tree with a remote, "
        "or share it another way"
    ),
    "error.sync.no_remote": "the repository has no remote to sync with (git remote add origin URL)",
    "error.sync.unreachable": "{remote} cannot be reached now; try again later",
    "error.sync.push_rejected": (
        "{remote} did not take the changes. They are committed here; sync again later"
    ),
    "error.sync.no_identity": (
        "git does not know who you are: set a name and an e-mail (git config --global user.name "
        "and user.email)"
    ),
    "merge.failed": "Could not merge: {error}",
    "merge.conflicts": (
        "{n} fields were changed in two places; the later change holds, the other version is "
        "in the field's history (F2):"
    ),
    "copies.found": (
        "The sync folder left a conflict copy of the database beside it: {name}. "
        "Press m to merge it."
    ),
    "copies.none": "There is no conflict copy beside the database.",
    "copies.confirm": (
        "Merge {name} into the database? Nothing is lost: what changed in both places stays "
        "in the history."
    ),
    "copies.merged": "Merged {name}: {summary}. The copy can be removed now.",
    "key.update": "Corrected article",
    "key.update.tip": "Apply a corrected article (docx, txt or md) to the selected interview",
    "update.title": "Corrected article for {who}",
    "update.path": "Path of the corrected article (docx, txt or md); enter shows the changes:",
    "update.empty_path": "Type the path of the file.",
    "update.none": "The article changes nothing in the interview.",
    "update.changes": "{n} fields change ([-removed-]{{+added+}}):",
    "update.warnings": "Warnings:",
    "update.save": "Save the changes",
    "update.failed": "Could not read the article: {error}",
    "update.saved": "Updated {who}: {n} fields (the earlier values are in the history).",
    "update.saved_comments": "{n} new comments are in the editor by their fields.",
    "update.tracked": (
        "Tracked changes (space: accept or reject one; a: accept all; r: reject all):"
    ),
    "update.comments": "{n} new comments (kept with the interview, never exported):",
    "update.other": "The file seems to be another interview's: {problem}",
    "update.other_confirm": (
        "The file seems to be another interview's: {problem}. Save the changes anyway?"
    ),
    "key.accept_all": "Accept all",
    "review.comment": "comment",
    "review.reply": "reply",
    "review.resolved": "resolved",
    "tracked.inserted": "inserted",
    "tracked.deleted": "deleted",
    "tracked.moved here": "moved here",
    "tracked.moved away": "moved away",
    "key.reject_all": "Reject all",
    "history.field.question": "question {n}",
    "field.article": "The article (no field)",
    "field.notes": "Notes from the import",
    "editor.review": "Comments from the review (never exported):",
}

STRINGS: dict[str, dict[str, str]] = {"sv": SV, "en": EN}


class Texts:
    """The UI strings of one language; call with a key and format arguments."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in STRINGS else "sv"
        self._strings = STRINGS[self.lang]

    def error(self, exc: BaseException) -> str:
        """An error worded in this language: a QMError by its `code` and `params` (see
        core/errors.py), an OSError by its kind; otherwise the error's own (English) text."""
        code = getattr(exc, "code", "")
        key = f"error.{code}"
        if code and key in self._strings:
            params = getattr(exc, "params", {})
            try:
                return self._strings[key].format(**params)
            except (KeyError, IndexError):
                return str(exc)
        if isinstance(exc, OSError):
            kind = error_kind(exc)
            if kind != "other":
                name = exc.filename if exc.filename is not None else "?"
                return self(f"error.save.{kind}", path=name)
        return str(exc)

    def field_label(self, field: str) -> str:
        """How a stored field (a history path such as `name`, `answers.2`, `facts.text`) is
        named in this language: `svar 2`, `Faktarutans text`."""
        if field.startswith("answers."):
            n, _, rest = field.split(".", 1)[1].partition(".")  # `answers.2.question`
            return self("history.field.question" if rest else "history.field.answer", n=n)
        label = self(f"field.{field}")
        return label.split(" (")[0] if label != f"field.{field}" else field

    def __call__(self, key: str, **values: object) -> str:
        text = self._strings.get(key) or SV.get(key, key)
        return text.format(**values) if values else text
