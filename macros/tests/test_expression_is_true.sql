{#- Fails with the rows of `model` for which `expression` is not true (false or NULL). Works on
    a model or on a column (`column_name` is then ignored: the expression names its columns). -#}
{% test expression_is_true(model, expression, column_name=none) %}
    select *
    from {{ model }}
    where not coalesce(({{ expression }}), false)
{% endtest %}
