import type { ReactNode } from 'react';
import { FieldError } from '../form/fields';
import { legendClass, linkButtonClass, sectionClass } from './step-props';

interface RepeatableFieldsetsProps<Item extends { id: string }> {
  items: readonly Item[];
  /** Capitalised, as in the legend: `License` gives “License 2” and “Remove license 2”. */
  noun: string;
  /** The noun inside a sentence, when lower-casing it is wrong (`DEA registration`). */
  nounInSentence?: string;
  /** The error for the list as a whole, shown above it. */
  listError: string | undefined;
  listErrorId: string;
  addId: string;
  addLabel: string;
  max: number;
  onAdd: () => void;
  onRemove: (item: Item) => void;
  renderItem: (item: Item, index: number) => ReactNode;
}

/** A list of numbered fieldsets, each removable while more than one is left, and a button to add one. */
export function RepeatableFieldsets<Item extends { id: string }>(props: RepeatableFieldsetsProps<Item>) {
  const { items, noun } = props;
  return (
    <>
      {props.listError ? (
        <div className="mt-3">
          <FieldError id={props.listErrorId} message={props.listError} />
        </div>
      ) : null}
      <div className="mt-5 space-y-5">
        {items.map((item, index) => (
          <fieldset key={item.id} className={sectionClass}>
            <legend className={legendClass}>
              {noun} {index + 1}
            </legend>
            {props.renderItem(item, index)}
            {items.length > 1 ? (
              <button
                type="button"
                className={`mt-4 ${linkButtonClass}`}
                onClick={() => props.onRemove(item)}
              >
                Remove {props.nounInSentence ?? noun.toLowerCase()} {index + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
      </div>
      <button
        id={props.addId}
        type="button"
        className={`mt-5 ${linkButtonClass}`}
        disabled={items.length >= props.max}
        onClick={props.onAdd}
      >
        {props.addLabel}
      </button>
    </>
  );
}
