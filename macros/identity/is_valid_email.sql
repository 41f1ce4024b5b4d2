{#- True when `email_expr` (already trimmed and lower-cased) is a plain email address: a local
    part of letters, digits and . _ % + -, an @, and a domain of dot-separated labels ending in a
    top-level domain of two or more letters. Nothing is repaired: 'pat lee@example.com' is
    false. Internationalised addresses are not accepted. -#}
{% macro is_valid_email(email_expr) -%}
    {{ regex_matches(email_expr, "'^[a-z0-9._%+-]+@[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{2,}$'") }}
{%- endmacro %}
