{#- Fails with the rows of `model` for which `expression` is not true (false or NULL). -#}
{% test expression_is_true(model, expression) %}
    select *
    from {{ model }}
    where not coalesce(({{ expression }}), false)
{% endtest %}
