{#- An identifier value as typed → the form the identity graph stores: email trimmed, NFC and
    lower-cased; phone to E.164 (region_expr for numbers without a country code); any other
    type trimmed and NFC, case kept. NULL when nothing is left. Calls normalize_phone: use in
    table models only. -#}
{% macro normalize_identifier_value(type_expr, value_expr, region_expr) -%}
    case {{ type_expr }}
        when 'email' then lower({{ unicode_nfc(clean_text(value_expr)) }})
        when 'phone' then {{ normalize_phone(clean_text(value_expr), region_expr) }}
        else {{ unicode_nfc(clean_text(value_expr)) }}
    end
{%- endmacro %}
