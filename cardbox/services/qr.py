"""QR codes of a contact, for the front ends: what fits in one code, and the code drawn as
text, saved as an image or returned as a PNG. The encoding lives in `cardbox.formats.qr`."""

from cardbox.formats.qr import fit_payload, make_qr, qr_image, qr_text, save_qr, trimmings
from cardbox.formats.vcard.export_filename import safe_filename

__all__ = ["fit_payload", "make_qr", "qr_image", "qr_text", "safe_filename", "save_qr", "trimmings"]
