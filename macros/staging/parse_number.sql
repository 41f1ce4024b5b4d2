{#- Strict number parsing for raw text: the text (already cleaned) must be a plain decimal
    number — optional minus, digits, and for decimals at most `scale` digits after a point —
    else NULL, so the caller quarantines the row. No rounding ('2.5' is no integer, '19.999' is
    no 2-decimal price), no '1e2', '0x10', '1_000' or '10,50', and no overflow: at most
    `max_integer_digits` digits before the point. -#}
{% macro parse_integer(text_expr, max_digits=9) -%}
    case
        when {{ regex_matches(text_expr, "'^-?[0-9]{1," ~ max_digits ~ "}$'") }}
            then cast({{ text_expr }} as bigint)
    end
{%- endmacro %}

{% macro parse_decimal(text_expr, scale=2, max_integer_digits=12) -%}
    case
        when {{ regex_matches(
            text_expr,
            "'^-?[0-9]{1," ~ max_integer_digits ~ "}([.][0-9]{1," ~ scale ~ "})?$'"
        ) }}
            then cast({{ text_expr }} as decimal({{ max_integer_digits + scale }}, {{ scale }}))
    end
{%- endmacro %}
