{#- A phone number as typed → E.164 text ('+15550102030'), or NULL when it is not a possible
    number. `region_expr` is an SQL expression giving the ISO country code used for numbers
    written without one. Calls a Python function (openprofile/phone.py, the phonenumbers
    library) that dbt registers on its own connections only: use it in table models only. -#}
{% macro normalize_phone(phone_expr, region_expr) %}
    {{ return(adapter.dispatch('normalize_phone', 'openprofile')(phone_expr, region_expr)) }}
{% endmacro %}

{% macro default__normalize_phone(phone_expr, region_expr) -%}
    openprofile_phone_e164({{ phone_expr }}, {{ region_expr }})
{%- endmacro %}
