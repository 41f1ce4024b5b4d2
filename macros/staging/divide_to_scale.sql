{#- `numerator` / `denominator` as decimal(38, `scale`), rounded half up, exactly: the same
    digits on every engine. `numerator` is a non-negative decimal with at most `scale`
    decimals; a denominator of 0 or NULL gives NULL. -#}
{% macro divide_to_scale(numerator, denominator, scale=3) %}
    {{ return(adapter.dispatch('divide_to_scale', 'openprofile')(numerator, denominator, scale)) }}
{% endmacro %}

{#- DuckDB divides decimals as doubles (5400.102 / 12 = 450.00849999… → 450.008), so the
    division is done on whole units of 10^-scale, in integers. -#}
{% macro default__divide_to_scale(numerator, denominator, scale) -%}
    cast(
        (2 * cast(({{ numerator }}) * {{ 10 ** scale }} as hugeint) + nullif({{ denominator }}, 0))
        // (2 * nullif({{ denominator }}, 0)) as decimal(38, 0)
    ) * cast({{ 1 / 10 ** scale }} as decimal(38, {{ scale }}))
{%- endmacro %}

{#- Spark divides decimals exactly and rounds half up when casting. -#}
{% macro spark__divide_to_scale(numerator, denominator, scale) -%}
    cast(({{ numerator }}) / nullif({{ denominator }}, 0) as decimal(38, {{ scale }}))
{%- endmacro %}
